// The real event writer as a stand-alone process for the fault tests: Kafka -> schema
// check -> CommandDispatcher -> command bus -> PostgreSQL event store, killed and restarted
// by the test while it works. Argument: a JSON object (brokers, groupId, topics,
// deadLetterTopic, databaseUrl, recordPath). Stops cleanly on SIGTERM.
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { startCommandSideWriter } from '../../app/writer/command-side-writer.js';
import { PostgresEventStore } from '../../event-store/postgres/postgres-event-store.js';
import { KafkaTransport } from '../kafka/kafka-transport.js';
import type { WriterTopics } from '../writer/event-writer.js';
import { stopOnSignals } from '../writer/stop-on-signals.js';
import { FileRecordingDispatcher } from './file-recording-dispatcher.js';

interface WriterProcessArgs {
  brokers: string[];
  groupId: string;
  topics: WriterTopics;
  deadLetterTopic: string;
  databaseUrl: string;
  recordPath: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as WriterProcessArgs;
const logger = pino({ level: 'warn', name: 'fault-writer' });
const store = new PostgresEventStore({ connectionString: args.databaseUrl, poolSize: 8, logger });
const transport = await KafkaTransport.connect({
  brokers: args.brokers,
  clientId: 'roadledger-fault-writer',
  logger,
  registry: new Registry(),
  deadLetterTopic: args.deadLetterTopic,
  sessionTimeoutMs: 10_000,
  heartbeatIntervalMs: 1_000,
});
const writer = await startCommandSideWriter({
  transport,
  store,
  pool: store.pool,
  personalDataSecret: 'fault-writer-personal-data-secret',
  logger,
  groupId: args.groupId,
  topics: args.topics,
  registry: new Registry(),
  wrapDispatcher: (dispatcher) => new FileRecordingDispatcher(args.recordPath, dispatcher),
});
stopOnSignals(logger, [writer, { stop: () => transport.close() }, { stop: () => store.close() }]);
process.stdout.write('writer started\n');
