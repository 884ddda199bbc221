// How far the read models moved, as the response cache sees it over real PostgreSQL: a
// commit of another process counts when its NOTIFY arrives; a commit of this process counts
// once, when it is announced after the commit, and its own NOTIFY arriving later does not
// void the answers read after the change.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { announceReadModelChange, backendOf, notifyAndCommit, READ_MODEL_CHANNEL } from '../../projections/read-model-changes.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres.js';
import { ReadModelVersions } from './read-model-versions.js';

let database: TestDatabase;
let versions: ReadModelVersions;
let elsewhere: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  elsewhere = new pg.Client({ connectionString: database.url });
  await elsewhere.connect();
  versions = new ReadModelVersions({ connectionString: database.url }, createLogger('silent', 'versions'));
  await versions.start();
});
afterAll(async () => {
  await versions?.close();
  await elsewhere?.end();
  await database?.drop();
});

/**
 * Another process's commit: a plain NOTIFY, as the projection runner of another process or a
 * person's key erasure sends, from a backend of its own (the pool's could be the one this
 * process just committed on, which no other process can share).
 */
const notifyFromElsewhere = (source: string) => elsewhere.query(`SELECT pg_notify($1, $2)`, [READ_MODEL_CHANNEL, source]);

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5_000) throw new Error('the NOTIFY never arrived');
    await sleep(10);
  }
}

/** A commit in this process, as the runner makes it: the NOTIFY with the COMMIT, then the announce. */
async function commitHere(source: string): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(notifyAndCommit(client, source));
    announceReadModelChange(source, backendOf(client));
  } finally {
    client.release();
  }
}

describe('read-model versions', () => {
  it('count a commit of another process when its NOTIFY arrives', async () => {
    const stamp = versions.stamp()!;
    await notifyFromElsewhere('zones');
    await until(() => !versions.unchangedSince(['zones'], stamp));
    expect(versions.unchangedSince(['infractions'], stamp)).toBe(true);
  });

  it('count a commit of this process at once, and not again when its own NOTIFY arrives', async () => {
    const before = versions.stamp()!;
    await commitHere('infractions');
    expect(versions.unchangedSince(['infractions'], before)).toBe(false);

    const readAfterTheChange = versions.stamp()!;
    // Notifications arrive in commit order: once this later one has, the runner's has too.
    await notifyFromElsewhere('fines-ledger');
    await until(() => !versions.unchangedSince(['fines-ledger'], readAfterTheChange));
    expect(versions.unchangedSince(['infractions'], readAfterTheChange)).toBe(true);
  });

  it('still count another process\'s commit of the same source after one of this process', async () => {
    await commitHere('infractions');
    const stamp = versions.stamp()!;
    await notifyFromElsewhere('infractions');
    await until(() => !versions.unchangedSince(['infractions'], stamp));
  });
});
