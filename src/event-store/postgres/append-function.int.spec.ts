// The append function takes ids, types and documents as separate lists and no longer
// counts them up front: a list that does not line up must still fail the whole append
// and leave the stream as it was, whichever side hashes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres.js';
import { aStream, someEvents } from '../contract/builders.js';
import { GENESIS_HASH } from '../hash-chain.js';
import { DOCUMENT_SEPARATOR } from './append-function.js';
import { APPEND_QUERY, appendParameters } from './append-parameters.js';
import { PostgresEventStore } from './postgres-event-store.js';

const DATA = 6;
const METADATA = 7;

describe('the append function given lists that do not line up', () => {
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

  function dropLastDocument(values: unknown[], index: number): void {
    const documents = String(values[index]).split(DOCUMENT_SEPARATOR);
    values[index] = documents.slice(0, -1).join(DOCUMENT_SEPARATOR);
  }

  async function expectNothingWritten(stream: string): Promise<void> {
    const { rows } = await store.pool.query('SELECT count(*)::int AS events FROM event_store.events WHERE stream_name = $1', [stream]);
    expect(rows[0]).toEqual({ events: 0 });
    await expect(store.append(stream, someEvents(1), 'no_stream')).resolves.toMatchObject({ nextRevision: 0 });
  }

  for (const [label, head] of [['the process hashes', { revision: -1, hash: GENESIS_HASH }], ['the server hashes', undefined]] as const) {
    for (const [list, index] of [['data', DATA], ['metadata', METADATA]] as const) {
      it(`fails with one ${list} document too few and writes nothing (${label})`, async () => {
        const stream = aStream();
        const values = appendParameters(stream, someEvents(3), 'no_stream', false, head);
        dropLastDocument(values, index);
        await expect(store.pool.query(APPEND_QUERY, values)).rejects.toMatchObject({ code: '23502' });
        await expectNothingWritten(stream);
      });
    }
  }

  it('fails with one document too many and writes nothing', async () => {
    const stream = aStream();
    const values = appendParameters(stream, someEvents(2), 'no_stream', false, { revision: -1, hash: GENESIS_HASH });
    values[DATA] = `${String(values[DATA])}${DOCUMENT_SEPARATOR}{}`;
    await expect(store.pool.query(APPEND_QUERY, values)).rejects.toMatchObject({ code: '23502' });
    await expectNothingWritten(stream);
  });
});
