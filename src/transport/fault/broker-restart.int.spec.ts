// The broker stopped and restarted while the ingest side produces and the real writer
// (command side, PostgreSQL event store) consumes: nothing produced is lost, the idempotent
// producer's retries write no duplicate into the log, and every message's event is in the
// store exactly once. The broker is the test's own (private-broker.ts), so restarting it
// disturbs no other test.
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCommandSideWriter } from '../../app/writer/command-side-writer.js';
import { send } from '../../commands/command-messages.js';
import { command, startWriteSide } from '../../commands/testing/write-side-fixture.js';
import { eventually, freshName } from '../contract-support.js';
import { KafkaTransport } from '../kafka/kafka-transport.js';
import type { OutgoingMessage } from '../port.js';
import { trafficMessage } from '../testing/traffic-mix.js';
import type { WriterTopics } from '../writer/event-writer.js';
import { PrivateBroker } from './private-broker.js';
import { effectsInStore } from './store-effects.js';

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

  // The test's fresh database is dropped even when an assertion fails.
  const cleanUp: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanUp.splice(0)) await step();
  });

  afterAll(async () => {
    await broker?.destroy();
  });

  it.each(['SIGTERM', 'SIGKILL'] as const)(
    'broker stopped with %s and restarted: every message appended once, none written twice to the log',
    async (signal) => {
      const side = await startWriteSide();
      cleanUp.push(() => side.close());
      const adminActor = { kind: 'user', userId: 'admin-1', role: 'admin' } as const;
      await send(side.bus, command('RegisterZone', { zoneId: 'zone-1', name: 'Av. Arequipa', speedLimitKmh: 50, jurisdiction: 'PE' }, adminActor, '2026-03-01T00:00:00.000Z'));
      const connect = () => KafkaTransport.connect({ brokers: broker.brokers, clientId: 'roadledger-restart', logger: silent, registry: new Registry(), heartbeatIntervalMs: 1_000, sessionTimeoutMs: 10_000 });
      const transport = await connect();
      const topics: WriterTopics = { observations: freshName('restart-obs'), infractions: freshName('restart-inf'), deviceStatus: freshName('restart-status') };
      await transport.ensureTopics(Object.values(topics).map((topic) => ({ topic, partitions: 3 })));
      const dispatched: string[] = [];
      const writer = await startCommandSideWriter({
        transport,
        store: side.store,
        pool: side.db.pool,
        personalDataSecret: 'broker-restart-personal-data-secret',
        logger: silent,
        groupId: freshName('restart-writer'),
        topics,
        registry: new Registry(),
        wrapDispatcher: (inner) => ({
          async dispatch(parsed, context) {
            await inner.dispatch(parsed, context);
            dispatched.push(parsed.message.messageId);
          },
        }),
      });

      const produced = new Set<string>();
      let publishRetries = 0;
      const producing = (async () => {
        for (let chunk = 0; chunk < CHUNKS; chunk += 1) {
          const observations: OutgoingMessage[] = [];
          const infractions: OutgoingMessage[] = [];
          for (let index = 0; index < CHUNK_SIZE; index += 1) {
            const { kind, key, message } = trafficMessage(chunk * CHUNK_SIZE + index, { devices: 12 });
            produced.add(message.messageId);
            (kind === 'infraction' ? infractions : observations).push({ key, value: message });
          }
          // Like the ingest worker: a send that failed for good is sent again, same messages, same ids.
          // Each topic's send on its own: resending one that was acknowledged would be a real duplicate.
          for (const [topic, messages] of [[topics.observations, observations], [topics.infractions, infractions]] as const) {
            for (;;) {
              try {
                await transport.publishBatch(topic, messages);
                break;
              } catch {
                publishRetries += 1;
                await new Promise((resolve) => setTimeout(resolve, 500));
              }
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

      await eventually(() => expect(new Set(dispatched).size).toBe(produced.size), 180_000, 250);
      expect(new Set(dispatched)).toEqual(produced);

      const inLog: string[] = [];
      const reader = await transport.subscribe({ groupId: freshName('restart-reader'), topics: [topics.observations, topics.infractions] }, async (batch) => {
        inLog.push(...batch.records.map((record) => JSON.parse(record.value.toString('utf8')).messageId as string));
      });
      await eventually(() => expect(inLog.length).toBeGreaterThanOrEqual(produced.size), 60_000, 250);
      await reader.stop();
      await writer.stop();
      await transport.close();
      const effects = await effectsInStore(side.store, produced);

      console.info(
        `[broker-restart] ${signal}: ${produced.size} produced, ${publishRetries} sends retried by the producer loop, ` +
          `${inLog.length - new Set(inLog).size} duplicates in the log, ${dispatched.length - produced.size} dispatched twice; ` +
          `in the store: ${effects.events} events, ${effects.missing.length} missing, ${effects.doubled.length} doubled, ` +
          `${effects.revisionGaps.length} revision gaps, ${effects.brokenChains.length} broken chains`,
      );
      expect(inLog).toHaveLength(produced.size);
      expect(new Set(inLog)).toEqual(produced);
      expect(effects).toMatchObject({ events: produced.size, missing: [], doubled: [], foreign: [], underivedEventIds: [], revisionGaps: [], brokenChains: [], outOfOrder: [] });
    },
    600_000,
  );
});
