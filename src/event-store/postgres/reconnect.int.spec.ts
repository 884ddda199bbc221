// A subscription survives the loss of every connection it uses (the server terminates
// them): it reconnects and carries on from its last delivered event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres.js';
import { aStream, ids, someEvents } from '../contract/builders.js';
import type { RecordedEvent } from '../port.js';
import { PostgresEventStore } from './postgres-event-store.js';

describe('PostgreSQL subscription after a connection loss', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    store = new PostgresEventStore({ connectionString: database.url, pollIntervalMs: 200 });
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('reconnects and delivers what came next, without a gap or a repeat', async () => {
    const stream = aStream('reconnect');
    const events = someEvents(6);
    const subscription = store.subscribeToAll({ filter: { streamPrefixes: [stream] } });
    const received: RecordedEvent[] = [];
    const iterator = subscription[Symbol.asyncIterator]();
    const next = async (): Promise<void> => {
      const result = await iterator.next();
      if (result.done) throw new Error('subscription ended');
      received.push(result.value);
    };

    await store.append(stream, events.slice(0, 3), 'no_stream');
    for (let index = 0; index < 3; index += 1) await next();

    const { rows } = await database.pool.query<{ terminated: number }>(
      `SELECT count(*)::int AS terminated FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()) AS killed`,
    );
    expect(rows[0]!.terminated).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));

    await store.append(stream, events.slice(3), 2);
    const rest = Promise.all([next(), next(), next()]).catch(() => undefined);
    await Promise.race([rest, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    await subscription.close();
    expect(ids(received)).toEqual(ids(events));
  });
});
