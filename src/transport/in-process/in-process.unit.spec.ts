// The transport contract against the in-memory adapter of the embedded mode. It needs no
// server, so it runs with the unit tests.
import { pino } from 'pino';
import { transportContract } from '../contract.js';
import { InProcessTransport } from './in-process-transport.js';

transportContract({
  partitions: 3,
  patienceMs: 5_000,
  create: async ({ deadLetterTopic }) =>
    new InProcessTransport({ logger: pino({ level: 'silent' }), deadLetterTopic, defaultPartitions: 3, redeliveryDelayMs: 10 }),
});
