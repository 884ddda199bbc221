// A stand-alone event writer on Kafka for the fault tests: killed and restarted by the
// test while it works. Arguments: a JSON object (brokers, groupId, topics, deadLetterTopic,
// recordPath). Stops cleanly on SIGTERM.
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { KafkaTransport } from '../kafka/kafka-transport.js';
import { EventWriter, type WriterTopics } from '../writer/event-writer.js';
import { stopOnSignals } from '../writer/stop-on-signals.js';
import { FileRecordingDispatcher } from './file-recording-dispatcher.js';

interface WriterProcessArgs {
  brokers: string[];
  groupId: string;
  topics: WriterTopics;
  deadLetterTopic: string;
  recordPath: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as WriterProcessArgs;
const logger = pino({ level: 'warn', name: 'fault-writer' });
const transport = await KafkaTransport.connect({
  brokers: args.brokers,
  clientId: 'roadledger-fault-writer',
  logger,
  registry: new Registry(),
  deadLetterTopic: args.deadLetterTopic,
  sessionTimeoutMs: 10_000,
  heartbeatIntervalMs: 1_000,
});
const writer = new EventWriter({
  transport,
  dispatcher: new FileRecordingDispatcher(args.recordPath),
  logger,
  groupId: args.groupId,
  topics: args.topics,
  registry: new Registry(),
});
stopOnSignals(logger, [writer, { stop: () => transport.close() }]);
await writer.start();
process.stdout.write('writer started\n');
