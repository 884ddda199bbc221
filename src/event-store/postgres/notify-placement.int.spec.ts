// Appends wake live subscriptions whether they NOTIFY inside their transaction or right
// after it, and 'auto' chooses by the server's synchronous_commit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres.js';
import { aStream, ids, someEvents, take } from '../contract/builders.js';
import type { NotifyPlacement } from './notify-placement.js';
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

  // An hour between polls: only a notification can deliver within the test's time.
  function aStore(notify: NotifyPlacement): PostgresEventStore {
    const store = new PostgresEventStore({ connectionString: database.url, notify, pollIntervalMs: 3_600_000 });
    stores.push(store);
    return store;
  }

  it.each(['in-transaction', 'after-commit'] as const)('wakes a live subscription with NOTIFY %s', async (placement) => {
    const store = aStore(placement);
    expect(await store.notifiesInTransaction()).toBe(placement === 'in-transaction');
    const stream = aStream('notify');
    const subscription = store.subscribeToAll({ fromPosition: 'end', filter: { streamPrefixes: [stream] } });
    const received = take(subscription, 3, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const events = someEvents(3);
    await store.append(stream, events.slice(0, 2), 'no_stream');
    await store.append(stream, events.slice(2), 1);
    expect(ids(await received)).toEqual(ids(events));
  });

  it('notifies inside the transaction only when commits do not wait for the disk', async () => {
    const name = new URL(database.url).pathname.slice(1);
    await database.pool.query(`ALTER DATABASE ${name} SET synchronous_commit = on`);
    expect(await aStore('auto').notifiesInTransaction()).toBe(false);
    await database.pool.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
    expect(await aStore('auto').notifiesInTransaction()).toBe(true);
  });
});
