// A scratch database on the benchmark's PostgreSQL server (DATABASE_URL, or the services'
// cluster), created for one run and dropped after it; a clear hint when none answers.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/app/config.js';

export const SERVICES_DATABASE_URL = 'postgres://roadledger:roadledger@127.0.0.1:15432/roadledger';

export interface BenchDatabase {
  /** Connection URL of the scratch database. */
  url: string;
  name: string;
  /** Runs SQL on the server's maintenance connection (e.g. ALTER DATABASE). */
  admin: pg.Client;
  drop(): Promise<void>;
}

const DRAIN_MS = 5_000;

/** Waits (bounded) until no client but `admin` is connected to `name`; answers how many still are. An autovacuum worker is no client of the run: the FORCE drop ends it quietly. */
async function connectionsLeft(admin: pg.Client, name: string): Promise<number> {
  const deadline = Date.now() + DRAIN_MS;
  for (;;) {
    const { rows } = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'", [name]);
    if (rows[0]!.n === 0 || Date.now() > deadline) return rows[0]!.n;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Drops a bench database once the run's own connections to it are gone. A pool's end()
 * resolves once it has asked its clients to end, before the server has seen them go: dropping
 * at once (WITH FORCE) would terminate them, and each would log that it was. A connection
 * still open after a while is a client the run did not close: it is named, then dropped.
 */
export async function dropWhenClosed(admin: pg.Client, name: string): Promise<void> {
  const left = await connectionsLeft(admin, name);
  if (left > 0) console.error(`bench database ${name}: ${left} connection(s) still open ${DRAIN_MS} ms after the run closed its clients; dropped with FORCE`);
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

export async function createBenchDatabase(prefix: string): Promise<BenchDatabase> {
  const serverUrl = loadConfig().DATABASE_URL ?? SERVICES_DATABASE_URL;
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3_000 });
  admin.on('error', (error) => console.error(`lost the admin connection: ${error.message}`));
  try {
    await admin.connect();
  } catch (error) {
    console.error(`Cannot connect to PostgreSQL at ${new URL(serverUrl).host} (${(error as Error).message}).`);
    console.error('Start it with `npm run services:up postgres`, or point DATABASE_URL at a server.');
    process.exit(2);
  }
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    admin,
    async drop() {
      await dropWhenClosed(admin, name);
      await admin.end();
    },
  };
}
