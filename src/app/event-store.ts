// The event store the configuration asks for: PostgreSQL (default, on the same database
// as the read models) or EventStoreDB/KurrentDB.
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { EventStore } from '../event-store/port.js';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store.js';
import { EventStoreDbEventStore } from '../event-store/eventstoredb/eventstoredb-event-store.js';

export async function createEventStore(config: Config, postgresUrl: string, logger: Logger): Promise<EventStore> {
  const storeLogger = logger.child({ component: 'event-store', eventStore: config.EVENT_STORE });
  if (config.EVENT_STORE === 'eventstoredb') {
    if (!config.EVENTSTORE_CONNECTION_STRING) {
      throw new Error('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING (e.g. kurrentdb://127.0.0.1:2113?tls=false)');
    }
    return new EventStoreDbEventStore(config.EVENTSTORE_CONNECTION_STRING, storeLogger);
  }
  const store = new PostgresEventStore({ connectionString: postgresUrl, poolSize: config.PG_POOL_SIZE, logger: storeLogger });
  await store.migrate();
  return store;
}
