// Someone with write access to the database changes the log behind the adapter's back;
// verify() must point at the first revision that no longer holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres.js';
import { aStream, someEvents } from '../contract/builders.js';
import { eventHash } from '../hash-chain.js';
import { PostgresEventStore } from './postgres-event-store.js';

describe('tamper evidence on PostgreSQL', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    store = new PostgresEventStore({ connectionString: database.url });
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  async function aStreamOf(count: number): Promise<string> {
    const stream = aStream('infraction');
    await store.append(stream, someEvents(count), 'no_stream');
    expect(await store.verify(stream)).toMatchObject({ ok: true, events: count });
    return stream;
  }

  it('finds an event whose data was changed with a plain UPDATE', async () => {
    const stream = await aStreamOf(5);
    await database.pool.query(
      `UPDATE event_store.events SET data = jsonb_set(data::jsonb, '{index}', '42')::json WHERE stream_name = $1 AND revision = 3`,
      [stream],
    );
    expect(await store.verify(stream)).toEqual({ ok: false, stream, events: 3, firstBadRevision: 3, reason: 'HASH_MISMATCH' });
  });

  it('finds changed metadata (a different actor) the same way', async () => {
    const stream = await aStreamOf(3);
    await database.pool.query(
      `UPDATE event_store.events SET metadata = jsonb_set(metadata::jsonb, '{actor}', '{"kind":"service","name":"forger"}')::json
        WHERE stream_name = $1 AND revision = 0`,
      [stream],
    );
    expect(await store.verify(stream)).toMatchObject({ ok: false, firstBadRevision: 0, reason: 'HASH_MISMATCH' });
  });

  it('finds a forged event whose hash was recomputed: the next event no longer links to it', async () => {
    const stream = await aStreamOf(4);
    const { rows } = await database.pool.query(
      `SELECT type, metadata, previous_hash FROM event_store.events WHERE stream_name = $1 AND revision = 1`,
      [stream],
    );
    const forged = { index: 'forged' };
    const hash = eventHash({ stream, revision: 1, type: rows[0].type, data: forged, metadata: rows[0].metadata, previousHash: rows[0].previous_hash });
    await database.pool.query(
      `UPDATE event_store.events SET data = $2, hash = $3 WHERE stream_name = $1 AND revision = 1`,
      [stream, JSON.stringify(forged), hash],
    );
    expect(await store.verify(stream)).toMatchObject({ ok: false, firstBadRevision: 2, reason: 'CHAIN_BROKEN' });
  });

  it('finds a deleted middle event as a gap at its revision', async () => {
    const stream = await aStreamOf(5);
    await database.pool.query('DELETE FROM event_store.events WHERE stream_name = $1 AND revision = 2', [stream]);
    expect(await store.verify(stream)).toEqual({ ok: false, stream, events: 2, firstBadRevision: 2, reason: 'REVISION_GAP' });
  });

  it('finds events deleted from the end of a stream', async () => {
    const stream = await aStreamOf(5);
    await database.pool.query('DELETE FROM event_store.events WHERE stream_name = $1 AND revision >= 3', [stream]);
    expect(await store.verify(stream)).toMatchObject({ ok: false, firstBadRevision: 3, reason: 'REVISION_GAP' });
  });
});
