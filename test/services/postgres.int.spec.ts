// The test PostgreSQL answers through the project's own client (pg), and each test file
// gets a database of its own that disappears afterwards.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';

describe('PostgreSQL service', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('is the project cluster on 127.0.0.1:15432, reached through the configured DATABASE_URL', async () => {
    const { DATABASE_URL } = loadConfig();
    expect(DATABASE_URL).toBe('postgres://roadledger:roadledger@127.0.0.1:15432/roadledger');
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ db: string; superuser: string; port: number }>(
        "select current_database() as db, current_setting('is_superuser') as superuser, inet_server_port() as port",
      );
      expect(rows[0]).toEqual({ db: 'roadledger', superuser: 'on', port: 15432 });
    } finally {
      await client.end();
    }
  });

  it('allows the 200 connections that parallel test files need', async () => {
    const { rows } = await db.pool.query<{ max_connections: string }>('show max_connections');
    expect(Number(rows[0]?.max_connections)).toBeGreaterThanOrEqual(200);
  });

  it('keeps what a test file writes in its own database', async () => {
    await db.pool.query('create table plates (plate text primary key)');
    await db.pool.query("insert into plates values ('ABC-123'), ('ABC1D23')");
    const { rows } = await db.pool.query<{ plate: string }>('select plate from plates order by plate');
    expect(rows.map((row) => row.plate)).toEqual(['ABC-123', 'ABC1D23']);
    expect(new URL(db.url).pathname).toMatch(/^\/rl_test_[0-9a-f]{12}$/);
  });

  it('drops the test database, even with connections still open', async () => {
    const scratch = await createTestDatabase();
    const name = new URL(scratch.url).pathname.slice(1);
    const straggler = new pg.Client({ connectionString: scratch.url });
    await straggler.connect();
    straggler.on('error', () => {}); // the drop terminates it on purpose
    await scratch.drop();
    const { rows } = await db.pool.query('select 1 from pg_database where datname = $1', [name]);
    expect(rows).toHaveLength(0);
    await straggler.end().catch(() => {});
  });
});
