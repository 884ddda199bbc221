// The test Kafka (KRaft, one node) answers through the project's own client (kafkajs):
// a message produced to a fresh topic comes back to a consumer, and the project's topics exist.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';

const PROJECT_TOPICS = ['traffic.observations.v1', 'traffic.infractions.v1', 'traffic.device-status.v1', 'traffic.dead-letter.v1'];

describe('Kafka service', () => {
  const config = loadConfig();
  const kafka = new Kafka({ clientId: 'roadledger-service-test', brokers: config.KAFKA_BROKERS, logLevel: logLevel.NOTHING });
  let admin: Admin;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.disconnect();
  });

  it('is the single KRaft node on 127.0.0.1:19092', async () => {
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:19092']);
    const cluster = await admin.describeCluster();
    expect(cluster.brokers).toEqual([expect.objectContaining({ host: '127.0.0.1', port: 19092 })]);
  });

  it('has the project topics with the configured number of partitions', async () => {
    const { topics } = await admin.fetchTopicMetadata({ topics: PROJECT_TOPICS });
    expect(topics.map((topic) => [topic.name, topic.partitions.length]).sort()).toEqual(
      PROJECT_TOPICS.map((name) => [name, config.KAFKA_PARTITIONS]).sort(),
    );
  });

  it('delivers a produced message to a consumer of the same topic', async () => {
    const topic = `test.roundtrip.${randomUUID()}`;
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    const consumer = kafka.consumer({ groupId: `test-${randomUUID()}` });
    try {
      await producer.connect();
      await producer.send({ topic, messages: [{ key: 'device-7', value: JSON.stringify({ plate: 'ABC-123' }) }] });

      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const received = new Promise<{ key: string; value: string }>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) => resolve({ key: String(message.key), value: String(message.value) }),
        });
      });
      expect(await received).toEqual({ key: 'device-7', value: '{"plate":"ABC-123"}' });
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] });
    }
  });
});
