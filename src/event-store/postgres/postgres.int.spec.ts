// The contract suite on the Debian PostgreSQL that the test services run (DATABASE_URL),
// each run in a fresh database: once as configured by default, and once with every lone
// append of 2 events or more sent as chunks of 1 in one transaction (chunked-append.ts),
// so that each of its append rules also holds chunked.
import { createTestDatabase } from '../../../test/support/postgres.js';
import { eventStoreContract } from '../contract.js';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store.js';

function onDebianServer(options: Omit<PostgresEventStoreOptions, 'connectionString'> = {}) {
  return async () => {
    const database = await createTestDatabase({ poolSize: 1 });
    const store = new PostgresEventStore({ connectionString: database.url, pollIntervalMs: 200, ...options });
    await store.migrate();
    return {
      store,
      async teardown() {
        await store.close();
        await database.drop();
      },
    };
  };
}

eventStoreContract('PostgreSQL (Debian server)', onDebianServer());
eventStoreContract('PostgreSQL (Debian server), long appends as chunks', onDebianServer({ chunking: { minEvents: 2, chunkSize: 1 } }));
