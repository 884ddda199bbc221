// The contract suite on EventStoreDB / KurrentDB. No server runs on this machine, so it
// runs only when EVENTSTORE_CONNECTION_STRING is set, and says plainly that it skipped.
import { describe, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { createLogger } from '../../app/logger.js';
import { eventStoreContract } from '../contract.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

const connectionString = loadConfig().EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  eventStoreContract(
    'EventStoreDB',
    async () => {
      const store = new EventStoreDbEventStore(connectionString, createLogger('warn', 'event-store'));
      return { store, teardown: () => store.close() };
    },
    { eventIdsUniqueAcrossStreams: false },
  );
} else {
  console.warn('EventStoreDB contract suite SKIPPED: EVENTSTORE_CONNECTION_STRING is not set (no EventStoreDB server here).');
  describe.skip('event store contract: EventStoreDB (skipped: EVENTSTORE_CONNECTION_STRING is not set)', () => {
    it('runs the whole contract suite against an EventStoreDB server', () => undefined);
  });
}
