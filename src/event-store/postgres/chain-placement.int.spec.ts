// The hash chain is computed in the process when the adapter knows the stream's head and
// in the append function otherwise; the function must take the process's chain only when
// it links to the head it locked. Whichever side hashed, verify() must hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres.js';
import { aStream, anEvent, collect, someEvents } from '../contract/builders.js';
import { eventHash, GENESIS_HASH } from '../hash-chain.js';
import { APPEND_QUERY, appendParameters } from './append-parameters.js';
import { PostgresEventStore } from './postgres-event-store.js';

describe('where the PostgreSQL adapter computes the hash chain', () => {
  let database: TestDatabase;
  let first: PostgresEventStore;
  let second: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    first = new PostgresEventStore({ connectionString: database.url });
    second = new PostgresEventStore({ connectionString: database.url });
    await first.migrate();
  });
  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
    await database.drop();
  });

  async function expectIntactChain(stream: string, events: number): Promise<void> {
    expect(await first.verify(stream)).toMatchObject({ ok: true, events });
    let previousHash = GENESIS_HASH;
    for (const event of await collect(first.readStream(stream))) {
      expect(event.previousHash).toBe(previousHash);
      expect(event.hash).toBe(eventHash({ stream, ...event, previousHash }));
      previousHash = event.hash;
    }
  }

  it('keeps one chain when two stores, each with its own idea of the head, take turns', async () => {
    const stream = aStream();
    await first.append(stream, someEvents(3), 'no_stream');
    await second.append(stream, someEvents(2), 'any');
    const stale = await first.append(stream, someEvents(2), 'any');
    const known = await first.append(stream, someEvents(4), stale.nextRevision);
    await second.append(stream, someEvents(1), known.nextRevision);
    await first.append(stream, someEvents(2), 'stream_exists');
    await expectIntactChain(stream, 14);
  });

  it.each([
    ['the right revision but another hash', 0, 'f'.repeat(64)],
    ['the right hash but another revision', 1, undefined],
  ] as const)('hashes on the server when the process assumed %s', async (_, assumedRevision, assumedHash) => {
    const stream = aStream();
    const head = await first.append(stream, someEvents(1), 'no_stream');
    const [stored] = await collect(first.readStream(stream));
    const assumed = { revision: assumedRevision, hash: assumedHash ?? stored!.hash };
    const values = appendParameters(stream, someEvents(3), head.nextRevision, false, assumed);
    await database.pool.query(APPEND_QUERY, values);
    await expectIntactChain(stream, 4);
  });

  it('stores control characters, the separator included, escaped in canonical JSON', async () => {
    const stream = aStream();
    const note = 'record\u001eseparator, unit\u001fseparator, tab\t, newline\n, quote " and backslash \\';
    const events = [anEvent({ data: { note } }), anEvent({ data: { note: `${note}!` } })];
    await first.append(stream, events, 'no_stream');
    await second.append(stream, [anEvent({ data: { note } })], 'any');
    const read = await collect(first.readStream(stream));
    expect(read.map((event) => (event.data as { note: string }).note)).toEqual([note, `${note}!`, note]);
    await expectIntactChain(stream, 3);
  });
});
