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
      // WITH (FORCE) ends any connection still open; a benchmark's pools may log that.
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
