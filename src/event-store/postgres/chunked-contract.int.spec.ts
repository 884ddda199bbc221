// The contract suite again, with every lone append of 2 events or more sent as chunks of 1
// in one transaction (chunked-append.ts), so each of its append rules also holds chunked.
import { createTestDatabase } from '../../../test/support/postgres.js';
import { eventStoreContract } from '../contract.js';
import { PostgresEventStore } from './postgres-event-store.js';

eventStoreContract('PostgreSQL, long appends as chunks', async () => {
  const database = await createTestDatabase({ poolSize: 1 });
  const store = new PostgresEventStore({ connectionString: database.url, pollIntervalMs: 200, chunking: { minEvents: 2, chunkSize: 1 } });
  await store.migrate();
  return {
    store,
    async teardown() {
      await store.close();
      await database.drop();
    },
  };
});
