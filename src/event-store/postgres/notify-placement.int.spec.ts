// Appends wake live subscriptions whether they NOTIFY inside their transaction or right
// after it, and 'auto' chooses by the server's synchronous_commit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres.js';
import { aStream, ids, someEvents, take } from '../contract/builders.js';
import { NotifyPlacementChoice, type NotifyPlacement } from './notify-placement.js';
import { PostgresEventStore } from './postgres-event-store.js';

describe('where appends NOTIFY subscribers', () => {
  let database: TestDatabase;
  const stores: PostgresEventStore[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    await aStore('auto').migrate();
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await database.drop();
  });

  // A minute between polls: within the test's 20 s only a notification can deliver. (Not
  // shorter: after a wake-up whose events were not readable yet — a transaction anywhere
  // on the server holds readers back — a subscription retries with a backoff capped there.)
  function aStore(notify: NotifyPlacement): PostgresEventStore {
    const store = new PostgresEventStore({ connectionString: database.url, notify, pollIntervalMs: 60_000 });
    stores.push(store);
    return store;
  }

  it.each(['in-transaction', 'after-commit'] as const)('wakes a live subscription with NOTIFY %s', async (placement) => {
    const store = aStore(placement);
    expect(await store.notifiesInTransaction()).toBe(placement === 'in-transaction');
    const stream = aStream('notify');
    const subscription = store.subscribeToAll({ fromPosition: 'end', filter: { streamPrefixes: [stream] } });
    const received = take(subscription, 3, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const events = someEvents(3);
    await store.append(stream, events.slice(0, 2), 'no_stream');
    await store.append(stream, events.slice(2), 1);
    expect(ids(await received)).toEqual(ids(events));
  });

  it('auto: inside the transaction only when commits do not wait for the disk and the append is alone', async () => {
    const name = new URL(database.url).pathname.slice(1);
    await database.pool.query(`ALTER DATABASE ${name} SET synchronous_commit = on`);
    const durable = new NotifyPlacementChoice(aStore('auto').pool, 'auto');
    expect([await durable.forAppend(0), await durable.forAppend(3)]).toEqual([false, false]);
    await database.pool.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
    const fast = new NotifyPlacementChoice(aStore('auto').pool, 'auto');
    expect([await fast.forAppend(0), await fast.forAppend(3)]).toEqual([true, false]);
    const forced = new NotifyPlacementChoice(aStore('auto').pool, 'in-transaction');
    expect(await forced.forAppend(3)).toBe(true);
  });

  it('auto: concurrent writers are all delivered to a subscription that does not poll meanwhile', async () => {
    const store = aStore('auto');
    const streams = Array.from({ length: 8 }, () => aStream('notify-many'));
    const subscription = store.subscribeToAll({ fromPosition: 'end', filter: { streamPrefixes: ['notify-many-'] } });
    const received = take(subscription, 8 * 5, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await Promise.all(streams.map(async (stream) => {
      for (let revision = 0; revision < 5; revision += 1) await store.append(stream, someEvents(1), revision === 0 ? 'no_stream' : revision - 1);
    }));
    expect(await received).toHaveLength(40);
  });
});
