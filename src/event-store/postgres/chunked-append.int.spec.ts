// A long append sent as chunks in one transaction must be indistinguishable from the same
// append sent as one call: the same rows and chain, all or nothing, the same replays and
// the same errors. Chunking is forced down to small batches here (a first chunk of 3
// events, then chunks of 2, from 4 events on) and every spec checks that the chunked path
// is the one that ran.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres.js';
import { aStream, anEvent, collect, ids, rejection, someEvents } from '../contract/builders.js';
import { DuplicateEventId, WrongExpectedRevision, type ExpectedRevision } from '../port.js';
import { chunkedAppendsTotal } from './chunked-append.js';
import { PostgresEventStore } from './postgres-event-store.js';
import type { EventEnvelope } from '../../domain/shared/message.js';

const CHUNKING = { minEvents: 4, firstChunkSize: 3, chunkSize: 2 };

describe('a long append sent as chunks in one transaction (PostgreSQL)', () => {
  let chunkedDatabase: TestDatabase;
  let wholeDatabase: TestDatabase;
  let chunked: PostgresEventStore;
  let whole: PostgresEventStore;

  beforeAll(async () => {
    [chunkedDatabase, wholeDatabase] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    chunked = new PostgresEventStore({ connectionString: chunkedDatabase.url, poolSize: 2, chunking: CHUNKING });
    whole = new PostgresEventStore({ connectionString: wholeDatabase.url, poolSize: 2, chunking: false });
    await Promise.all([chunked.migrate(), whole.migrate()]);
  });
  afterAll(async () => {
    await Promise.all([chunked.close(), whole.close()]);
    await Promise.all([chunkedDatabase.drop(), wholeDatabase.drop()]);
  });

  /** Runs `append` and checks how many chunked appends it made. */
  async function expectChunked<T>(appends: number, append: () => Promise<T>): Promise<T> {
    const before = (await chunkedAppendsTotal.get()).values[0]?.value ?? 0;
    const result = await append().finally(async () => {
      expect(((await chunkedAppendsTotal.get()).values[0]?.value ?? 0) - before).toBe(appends);
    });
    return result;
  }

  async function storedRows(store: PostgresEventStore, stream: string) {
    const events = await collect(store.readStream(stream));
    return events.map(({ position: _position, recordedAt: _recordedAt, ...event }) => event);
  }

  async function expectNothingWritten(stream: string, events: number): Promise<void> {
    const { rows } = await chunked.pool.query('SELECT count(*)::int AS events FROM event_store.events WHERE stream_name = $1', [stream]);
    expect(rows[0]).toEqual({ events });
    const heads = await chunked.pool.query('SELECT revision::int FROM event_store.streams WHERE stream_name = $1', [stream]);
    expect(heads.rows.map((row: { revision: number }) => row.revision)).toEqual(events === 0 ? [] : [events - 1]);
  }

  it('stores exactly what one call stores: revisions, chain, hashes, one transaction, positions in order', async () => {
    const stream = aStream();
    const batches: Array<[EventEnvelope[], ExpectedRevision]> = [[someEvents(10), 'no_stream'], [someEvents(7), 9], [someEvents(4), 16]];
    for (const [events, expected] of batches) {
      const fromChunks = await expectChunked(1, () => chunked.append(stream, events, expected));
      const fromOneCall = await whole.append(stream, events, expected);
      expect(fromChunks.nextRevision).toBe(fromOneCall.nextRevision);
    }
    expect(await storedRows(chunked, stream)).toEqual(await storedRows(whole, stream));
    expect(await chunked.verify(stream)).toMatchObject({ ok: true, events: 21 });
    const { rows } = await chunked.pool.query<{ transactions: number; ordered: boolean }>(
      `SELECT count(DISTINCT transaction_id)::int AS transactions,
              bool_and(global_position > coalesce(previous, 0)) AS ordered
         FROM (SELECT transaction_id, global_position, lag(global_position) OVER (ORDER BY revision) AS previous
                 FROM event_store.events WHERE stream_name = $1) AS rows`,
      [stream],
    );
    expect(rows[0]).toEqual({ transactions: 3, ordered: true });
  });

  it('returns the last event\'s revision and position, as one call does', async () => {
    const stream = aStream();
    const result = await expectChunked(1, () => chunked.append(stream, someEvents(8), 'no_stream'));
    const last = (await collect(chunked.readStream(stream, { direction: 'backwards', maxCount: 1 })))[0]!;
    expect(result).toEqual({ nextRevision: 7, position: last.position });
  });

  it('treats a replay of the whole chunked batch as done, writing nothing', async () => {
    const stream = aStream();
    const events = someEvents(9);
    const original = await expectChunked(1, () => chunked.append(stream, events, 'no_stream'));
    expect(await expectChunked(1, () => chunked.append(stream, events, 'no_stream'))).toEqual(original);
    // Another writer appends the next batch; this store still takes the head to be 8, so its
    // retry of that batch (exact expectation, behind the head) goes as chunks and replays.
    const other = new PostgresEventStore({ connectionString: chunkedDatabase.url, poolSize: 1, chunking: false });
    const more = someEvents(5);
    const next = await other.append(stream, more, 8);
    await other.append(stream, someEvents(1), 13);
    await other.close();
    expect(await expectChunked(1, () => chunked.append(stream, more, 8))).toEqual(next);
    expect(await collect(chunked.readStream(stream))).toHaveLength(15);
  });

  it('refuses a batch whose first chunk alone was appended before, as one call would', async () => {
    const stream = aStream();
    const events = someEvents(9);
    await whole.append(stream, events.slice(0, 3), 'no_stream');
    await chunked.append(stream, events.slice(0, 3), 'no_stream');
    const error = await expectChunked(1, () => rejection(chunked.append(stream, events, 'no_stream')));
    expect(error).toBeInstanceOf(WrongExpectedRevision);
    expect(error).toMatchObject({ actual: 2 });
    await expect(whole.append(stream, events, 'no_stream')).rejects.toMatchObject({ actual: 2 });
    await expectNothingWritten(stream, 3);
  });

  it('refuses a batch whose first two chunks were appended before, with the actual revision', async () => {
    const stream = aStream();
    const events = someEvents(9);
    await chunked.append(stream, events.slice(0, 5), 'no_stream');
    const error = await expectChunked(1, () => rejection(chunked.append(stream, events, 'no_stream')));
    expect(error).toMatchObject({ actual: 4 });
    expect(error).toBeInstanceOf(WrongExpectedRevision);
  });

  it('writes nothing when a late chunk holds an id another stream has, and stays usable', async () => {
    const stream = aStream();
    const taken = anEvent();
    await chunked.append(aStream(), [taken], 'no_stream');
    const events = [...someEvents(8), taken];
    const error = await expectChunked(1, () => rejection(chunked.append(stream, events, 'no_stream')));
    expect(error).toBeInstanceOf(DuplicateEventId);
    await expectNothingWritten(stream, 0);
    await expect(chunked.append(stream, someEvents(6), 'no_stream')).resolves.toMatchObject({ nextRevision: 5 });
  });

  it('writes nothing when an id repeats across chunks of the batch', async () => {
    const stream = aStream();
    const events = someEvents(8);
    events.push(events[1]!);
    const error = await expectChunked(1, () => rejection(chunked.append(stream, events, 'no_stream')));
    expect(error).toBeInstanceOf(DuplicateEventId);
    await expectNothingWritten(stream, 0);
  });

  it('rolls back the chunks already sent when a late one cannot be encoded, and the pool stays usable', async () => {
    const stream = aStream();
    await chunked.append(stream, someEvents(2), 'no_stream');
    const events = [...someEvents(7), anEvent({ data: { fine: 10n } })];
    const error = await expectChunked(1, () => rejection(chunked.append(stream, events, 1)));
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).toMatch(/bigint/);
    await expectNothingWritten(stream, 2);
    // The closed connection's backend ends its transaction as it exits.
    const openTransactions = async () => (await chunked.pool.query<{ open: number }>(
      "SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
    )).rows[0]?.open;
    await expect.poll(openTransactions, { timeout: 5_000 }).toBe(0);
    await Promise.all([0, 1, 2].map(() => chunked.append(aStream(), someEvents(5), 'no_stream')));
    await expect(chunked.append(stream, someEvents(5), 1)).resolves.toMatchObject({ nextRevision: 6 });
    expect(await chunked.verify(stream)).toMatchObject({ ok: true, events: 7 });
  });

  it('fails, writes nothing and stays usable when its connection is lost in the middle', async () => {
    const stream = aStream();
    await chunked.append(stream, someEvents(2), 'no_stream');
    const holder = await chunkedDatabase.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM event_store.streams WHERE stream_name = $1 FOR UPDATE', [stream]);
      const append = rejection(expectChunked(1, () => chunked.append(stream, someEvents(7), 1)));
      const waiting = async () => (await holder.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%event_store.append%'",
      )).rows.map((row) => row.pid);
      await expect.poll(waiting, { timeout: 15_000 }).toHaveLength(1);
      await holder.query('SELECT pg_terminate_backend($1)', [(await waiting())[0]]);
      expect(await append).toMatchObject({ message: expect.stringMatching(/terminat/) });
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    await expectNothingWritten(stream, 2);
    await expect(chunked.append(stream, someEvents(5), 1)).resolves.toMatchObject({ nextRevision: 6 });
  });

  it('sends one call when the batch is short, another append is in flight, or the expectation is not exact', async () => {
    const stream = aStream();
    await expectChunked(0, () => chunked.append(stream, someEvents(3), 'no_stream'));
    await expectChunked(0, () => chunked.append(stream, someEvents(6), 'any'));
    await expectChunked(0, () => chunked.append(stream, someEvents(6), 'stream_exists'));
    await expectChunked(1, () => Promise.all([chunked.append(aStream(), someEvents(6), 'no_stream'), chunked.append(aStream(), someEvents(6), 'no_stream')]));
    expect(ids(await collect(chunked.readStream(stream)))).toHaveLength(15);
  });
});
