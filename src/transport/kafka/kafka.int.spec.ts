// The transport contract against the real Kafka broker of scripts/services (KAFKA_BROKERS,
// default 127.0.0.1:19092), plus what only Kafka has: topic creation and consumer lag.
import { Kafka, logLevel } from 'kafkajs';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { eventually, freshName, sequence } from '../contract-support.js';
import { transportContract } from '../contract.js';
import { KafkaTransport, type KafkaTransportOptions } from './kafka-transport.js';

const { KAFKA_BROKERS: brokers } = loadConfig(process.env);
const silent = pino({ level: 'silent' });

function connect(overrides: Partial<KafkaTransportOptions> = {}): Promise<KafkaTransport> {
  return KafkaTransport.connect({
    brokers,
    clientId: 'roadledger-contract',
    logger: silent,
    registry: new Registry(),
    sessionTimeoutMs: 10_000,
    heartbeatIntervalMs: 1_000,
    redeliveryDelayMs: 50,
    ...overrides,
  });
}

transportContract({ partitions: 3, patienceMs: 45_000, create: ({ deadLetterTopic }) => connect({ deadLetterTopic }) });

describe('Kafka specifics', () => {
  const admin = new Kafka({ clientId: 'roadledger-contract-admin', brokers, logLevel: logLevel.NOTHING }).admin();
  beforeAll(() => admin.connect());
  afterAll(() => admin.disconnect());

  it('creates missing topics with the configured partitions and leaves existing ones alone', async () => {
    const existing = freshName('existing');
    const missing = freshName('missing');
    await admin.createTopics({ topics: [{ topic: existing, numPartitions: 1 }], waitForLeaders: true });
    const transport = await connect();
    try {
      await transport.ensureTopics([
        { topic: existing, partitions: 4 },
        { topic: missing, partitions: 4 },
      ]);
      const { topics } = await admin.fetchTopicMetadata({ topics: [existing, missing] });
      const partitions = Object.fromEntries(topics.map((topic) => [topic.name, topic.partitions.length]));
      expect(partitions).toEqual({ [existing]: 1, [missing]: 4 });
    } finally {
      await transport.close();
    }
  });

  it('exposes consumer lag per partition: uncommitted records count until the group commits them', async () => {
    const registry = new Registry();
    const transport = await connect({ registry, lagIntervalMs: 200 });
    const topic = freshName('lag');
    const groupId = freshName('lag-group');
    const lagOf = async (): Promise<number | undefined> => {
      const metric = await registry.getSingleMetric('roadledger_consumer_lag_messages')?.get();
      return metric?.values.find((value) => value.labels.topic === topic && value.labels.partition === '0' && value.labels.group === groupId)
        ?.value;
    };
    try {
      await transport.ensureTopics([{ topic, partitions: 1 }]);
      await transport.publishBatch(topic, sequence('cam-1', 5));
      const failing = await transport.subscribe({ groupId, topics: [topic] }, async () => {
        throw new Error('the store is down');
      });
      await eventually(async () => expect(await lagOf()).toBe(5), 45_000, 200);
      await failing.stop();

      const applying = await transport.subscribe({ groupId, topics: [topic] }, async () => undefined);
      await eventually(async () => expect(await lagOf()).toBe(0), 45_000, 200);
      await applying.stop();
    } finally {
      await transport.close();
    }
  });
});
