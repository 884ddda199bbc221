// A fresh, randomly named database per test file on the test PostgreSQL (DATABASE_URL,
// set by vitest.config.ts), so test files running in parallel never see each other's rows.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** Connection URL of the fresh database. */
  readonly url: string;
  /** A pool on the fresh database; closed by drop(). */
  readonly pool: pg.Pool;
  /** Close the pool and drop the database (connections still open are terminated). */
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error('DATABASE_URL is not set: run this test through vitest (int/e2e project), which starts PostgreSQL');
  }
  return url;
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const name = `rl_test_${randomBytes(6).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: options.poolSize ?? 5 });
  let dropped = false;
  // pool.end() resolves before its clients' sockets have closed, so DROP ... WITH (FORCE) may
  // still terminate one (57P01); that is the drop's own doing. Any other pool error surfaces.
  pool.on('error', (error: Error & { code?: string }) => {
    if (dropped && error.code === '57P01') return;
    throw error;
  });
  return {
    url: url.toString(),
    pool,
    async drop() {
      if (dropped) return;
      dropped = true;
      await pool.end();
      await onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
