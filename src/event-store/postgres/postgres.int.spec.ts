// The contract suite on the Debian PostgreSQL that the test services run (DATABASE_URL),
// each run in a fresh database.
import { createTestDatabase } from '../../../test/support/postgres.js';
import { eventStoreContract } from '../contract.js';
import { PostgresEventStore } from './postgres-event-store.js';

eventStoreContract('PostgreSQL (Debian server)', async () => {
  const database = await createTestDatabase({ poolSize: 1 });
  const store = new PostgresEventStore({ connectionString: database.url, pollIntervalMs: 200 });
  await store.migrate();
  return {
    store,
    async teardown() {
      await store.close();
      await database.drop();
    },
  };
});
