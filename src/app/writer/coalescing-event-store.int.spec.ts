// The writer's coalescing view of the PostgreSQL event store: appends to one stream that
// arrive together become one transaction in call order; a merge the store refuses is
// redone call by call, so a replayed passage among new ones appends only the new ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres.js';
import { aStream, anEvent, collect, ids } from '../../event-store/contract/builders.js';
import { DuplicateEventId, WrongExpectedRevision } from '../../event-store/port.js';
import { PostgresEventStore } from '../../event-store/postgres/postgres-event-store.js';
import { CoalescingEventStore } from './coalescing-event-store.js';

describe('the writer\'s coalescing event store', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let coalescing: CoalescingEventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore({ connectionString: db.url, poolSize: 4 });
    await store.migrate();
    coalescing = new CoalescingEventStore(store);
  });

  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  async function transactionsOf(stream: string): Promise<string[]> {
    const { rows } = await db.pool.query<{ transaction_id: string }>(
      'SELECT transaction_id::text FROM event_store.events WHERE stream_name = $1 ORDER BY revision',
      [stream],
    );
    return rows.map((row) => row.transaction_id);
  }

  it('turns appends to one stream started together into one append, in call order, each told its own revision', async () => {
    const stream = aStream('observations');
    const events = Array.from({ length: 20 }, () => anEvent({ type: 'ObservationRecorded' }));
    const results = await Promise.all(events.map((event) => coalescing.append(stream, [event], 'any')));

    expect(ids(await collect(store.readStream(stream)))).toEqual(ids(events));
    expect(new Set(await transactionsOf(stream)).size).toBe(1);
    expect(results.map((result) => result.nextRevision)).toEqual(events.map((_, index) => index));
    expect((await store.verify(stream)).ok).toBe(true);
  });

  it('appends only the new events when a replayed one rides in the same merge', async () => {
    const stream = aStream('observations');
    const [first, second, third] = [anEvent(), anEvent(), anEvent()];
    await coalescing.append(stream, [first!], 'any');
    await Promise.all([coalescing.append(stream, [first!], 'any'), coalescing.append(stream, [second!], 'any'), coalescing.append(stream, [third!], 'any')]);

    expect(ids(await collect(store.readStream(stream)))).toEqual(ids([first!, second!, third!]));
    expect((await store.verify(stream)).ok).toBe(true);
  });

  it('fails a call the store refuses and leaves the calls after it unattempted, so none lands ahead of it', async () => {
    const elsewhere = aStream('other');
    const taken = anEvent();
    await store.append(elsewhere, [taken], 'any');
    const stream = aStream('observations');
    const [before, after] = [anEvent(), anEvent()];
    const outcomes = await Promise.allSettled([
      coalescing.append(stream, [before!], 'any'),
      coalescing.append(stream, [taken], 'any'),
      coalescing.append(stream, [after!], 'any'),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventId);
    expect(ids(await collect(store.readStream(stream)))).toEqual(ids([before!]));
  });

  it('passes an append with an expected revision straight to the store', async () => {
    const stream = aStream('infraction');
    await coalescing.append(stream, [anEvent()], 'no_stream');
    await expect(coalescing.append(stream, [anEvent()], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevision);
  });
});
