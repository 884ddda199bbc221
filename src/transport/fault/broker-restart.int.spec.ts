// The broker stopped and restarted while the ingest side produces and the writer consumes:
// nothing produced is lost, and the idempotent producer's retries write no duplicate into
// the log. The broker is the test's own (private-broker.ts), so restarting it disturbs no
// other test.
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, freshName } from '../contract-support.js';
import { KafkaTransport } from '../kafka/kafka-transport.js';
import type { OutgoingMessage } from '../port.js';
import { anObservation } from '../testing/message-builders.js';
import { RecordingDispatcher } from '../testing/recording-dispatcher.js';
import { EventWriter, type WriterTopics } from '../writer/event-writer.js';
import { PrivateBroker } from './private-broker.js';

const libs = fileURLToPath(new URL('../../../.services/kafka/libs', import.meta.url));
const silent = pino({ level: 'silent' });
const CHUNKS = 120;
const CHUNK_SIZE = 50;

describe('the Kafka broker restarted while producing and consuming', () => {
  let broker: PrivateBroker;

  beforeAll(async () => {
    broker = await PrivateBroker.create(libs);
    await broker.start();
  }, 300_000);

  afterAll(async () => {
    await broker?.destroy();
  });

  it.each(['SIGTERM', 'SIGKILL'] as const)(
    'broker stopped with %s and restarted: every message dispatched, none written twice',
    async (signal) => {
      const connect = () => KafkaTransport.connect({ brokers: broker.brokers, clientId: 'roadledger-restart', logger: silent, registry: new Registry(), heartbeatIntervalMs: 1_000, sessionTimeoutMs: 10_000 });
      const transport = await connect();
      const topics: WriterTopics = { observations: freshName('restart-obs'), infractions: freshName('restart-inf'), deviceStatus: freshName('restart-status') };
      await transport.ensureTopics(Object.values(topics).map((topic) => ({ topic, partitions: 3 })));
      const dispatcher = new RecordingDispatcher();
      const writer = new EventWriter({ transport, dispatcher, logger: silent, groupId: freshName('restart-writer'), topics, registry: new Registry(), backoff: { initialDelayMs: 50, maxDelayMs: 1_000 } });
      await writer.start();

      const produced = new Set<string>();
      let publishRetries = 0;
      const producing = (async () => {
        for (let chunk = 0; chunk < CHUNKS; chunk += 1) {
          const messages: OutgoingMessage[] = Array.from({ length: CHUNK_SIZE }, (_, index) => {
            const seq = chunk * CHUNK_SIZE + index;
            const message = anObservation({ deviceId: `cam-${seq % 12}`, trackId: `track-${seq}`, deviceTime: new Date(Date.UTC(2026, 2, 1) + seq).toISOString() });
            produced.add(message.messageId);
            return { key: message.deviceId, value: message };
          });
          // Like the ingest worker: a send that failed for good is sent again, same messages, same ids.
          for (;;) {
            try {
              await transport.publishBatch(topics.observations, messages);
              break;
            } catch {
              publishRetries += 1;
              await new Promise((resolve) => setTimeout(resolve, 500));
            }
          }
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      })();

      await eventually(() => expect(produced.size).toBeGreaterThanOrEqual((CHUNKS / 3) * CHUNK_SIZE), 60_000);
      await broker.stop(signal);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await broker.start();
      await producing;

      await eventually(() => expect(new Set(dispatcher.dispatched.map((entry) => entry.parsed.message.messageId)).size).toBe(produced.size), 180_000, 250);
      expect(new Set(dispatcher.dispatched.map((entry) => entry.parsed.message.messageId))).toEqual(produced);

      const inLog: string[] = [];
      const reader = await transport.subscribe({ groupId: freshName('restart-reader'), topics: [topics.observations] }, async (batch) => {
        inLog.push(...batch.records.map((record) => JSON.parse(record.value.toString('utf8')).messageId as string));
      });
      await eventually(() => expect(inLog.length).toBeGreaterThanOrEqual(produced.size), 60_000, 250);
      await reader.stop();
      await writer.stop();
      await transport.close();

      console.info(
        `[broker-restart] ${signal}: ${produced.size} produced, ${publishRetries} sends retried by the producer loop, ` +
          `${inLog.length - new Set(inLog).size} duplicates in the log, ${dispatcher.dispatched.length - produced.size} dispatched twice`,
      );
      expect(inLog).toHaveLength(produced.size);
      expect(new Set(inLog)).toEqual(produced);
    },
    600_000,
  );
});
