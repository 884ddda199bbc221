// The real event writer (Kafka -> CommandDispatcher -> command bus -> PostgreSQL event
// store) as a separate process, stopped in the middle of 10,000 messages — observations
// and infraction detections, some sent twice as a producer retry would — and restarted.
// Shown from the event store itself: every message's event is there exactly once, streams'
// revisions are contiguous, every hash chain verifies; and from Kafka: no offset was
// committed for a message that was not applied.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { send } from '../../commands/command-messages.js';
import { command, startWriteSide, type WriteSide } from '../../commands/testing/write-side-fixture.js';
import { infractionStream } from '../../domain/infraction/events.js';
import { observationsStream } from '../../domain/observation/events.js';
import { eventually, freshName } from '../contract-support.js';
import { KafkaTransport } from '../kafka/kafka-transport.js';
import type { OutgoingMessage } from '../port.js';
import { trafficMessage } from '../testing/traffic-mix.js';
import type { WriterTopics } from '../writer/event-writer.js';
import { effectsInStore } from './store-effects.js';

const { KAFKA_BROKERS: brokers } = loadConfig(process.env);
const root = fileURLToPath(new URL('../../../', import.meta.url));
// Compiled under node_modules so the child resolves the project's packages.
const outDir = join(root, 'node_modules/.cache/roadledger-writer-faults');
const entry = join(outDir, 'src/transport/fault/writer-process.js');
const MESSAGES = 10_000;
const CHUNK = 1_000;
/** Of each chunk, this many are sent a second time (a producer retry after a lost ack). */
const RESENT_PER_CHUNK = 50;

interface Dispatch {
  id: string;
  topic: string;
  partition: number;
  offset: bigint;
}

describe('the real event writer process on Kafka and PostgreSQL, under faults', () => {
  const admin = new Kafka({ clientId: 'roadledger-faults-admin', brokers, logLevel: logLevel.NOTHING }).admin();
  let producer: KafkaTransport;
  let side: WriteSide | undefined;

  beforeAll(async () => {
    const flags = ['--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2023', '--strict', '--skipLibCheck', '--types', 'node'];
    const decorators = ['--experimentalDecorators', '--emitDecoratorMetadata', '--useDefineForClassFields', 'false', '--resolveJsonModule'];
    execFileSync(
      join(root, 'node_modules/.bin/tsc'),
      [join(root, 'src/transport/fault/writer-process.ts'), '--outDir', outDir, '--rootDir', root, ...flags, ...decorators, '--ignoreConfig'],
      { cwd: root, stdio: 'inherit', timeout: 240_000 },
    );
  }, 300_000);

  beforeAll(async () => {
    await admin.connect();
    producer = await KafkaTransport.connect({ brokers, clientId: 'roadledger-faults', logger: pino({ level: 'silent' }), registry: new Registry() });
  });

  afterEach(async () => {
    await side?.close();
    side = undefined;
  });

  afterAll(async () => {
    await producer?.close();
    await admin.disconnect();
  });

  async function setUp() {
    side = await startWriteSide();
    const adminActor = { kind: 'user', userId: 'admin-1', role: 'admin' } as const;
    await send(side.bus, command('RegisterZone', { zoneId: 'zone-1', name: 'Av. Arequipa', speedLimitKmh: 50, jurisdiction: 'PE' }, adminActor, '2026-03-01T00:00:00.000Z'));
    const topics: WriterTopics = { observations: freshName('fault-obs'), infractions: freshName('fault-inf'), deviceStatus: freshName('fault-status') };
    const deadLetterTopic = freshName('fault-dead-letter');
    await producer.ensureTopics([...Object.values(topics), deadLetterTopic].map((topic) => ({ topic, partitions: 6 })));
    const ids = new Set<string>();
    const streams = new Set<string>();
    const records = { [topics.observations]: 0, [topics.infractions]: 0 };
    const publish = async (messages: ReturnType<typeof trafficMessage>[]) => {
      const byTopic = { [topics.observations]: [] as OutgoingMessage[], [topics.infractions]: [] as OutgoingMessage[] };
      for (const { kind, key, message } of messages) byTopic[kind === 'infraction' ? topics.infractions : topics.observations]!.push({ key, value: message });
      for (const [topic, batch] of Object.entries(byTopic)) {
        await producer.publishBatch(topic, batch);
        records[topic]! += batch.length;
      }
    };
    for (let start = 0; start < MESSAGES; start += CHUNK) {
      const chunk = Array.from({ length: CHUNK }, (_, index) => trafficMessage(start + index, { devices: 20 }));
      for (const { kind, message } of chunk) {
        ids.add(message.messageId);
        streams.add(kind === 'infraction' ? infractionStream(message.messageId) : observationsStream(message.deviceId, message.deviceTime));
      }
      await publish(chunk);
      await publish(chunk.slice(0, RESENT_PER_CHUNK));
    }
    const recordPath = join(mkdtempSync(join(tmpdir(), 'roadledger-faults-')), 'applied.log');
    const groupId = freshName('fault-writer');
    const args = JSON.stringify({ brokers, groupId, topics, deadLetterTopic, databaseUrl: side.db.url, recordPath });
    return { side, topics, ids, streams, records, recordPath, groupId, start: () => startWriter(args) };
  }

  function startWriter(args: string): ChildProcess {
    return spawn(process.execPath, [entry, args], { stdio: ['ignore', 'ignore', 'inherit'] });
  }

  function applied(path: string): Dispatch[] {
    if (!existsSync(path)) return [];
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.split(' ').length === 4)
      .map((line) => {
        const [id, topic, partition, offset] = line.split(' ') as [string, string, string, string];
        return { id, topic, partition: Number(partition), offset: BigInt(offset) };
      });
  }

  /** Every offset the group committed is covered by a record the writer applied; returns how many are committed. */
  async function expectCommittedWereApplied(groupId: string, topics: string[], path: string): Promise<bigint> {
    const seen = new Set(applied(path).map((entry) => `${entry.topic}/${entry.partition}/${entry.offset}`));
    let total = 0n;
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
      for (const { partition, offset } of partitions) {
        for (let position = 0n; position < BigInt(offset); position += 1n) {
          expect(seen.has(`${topic}/${partition}/${position}`), `committed ${topic}/${partition}@${position} was applied`).toBe(true);
        }
        total += BigInt(offset) > 0n ? BigInt(offset) : 0n;
      }
    }
    return total;
  }

  function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  it.each(['SIGKILL', 'SIGTERM'] as const)(
    '%s in the middle of 10,000 messages, then a restart: every message appended exactly once',
    async (signal) => {
      const { side, topics, ids, streams, records, recordPath, groupId, start } = await setUp();
      const sourceTopics = [topics.observations, topics.infractions];
      const totalRecords = BigInt(records[topics.observations]! + records[topics.infractions]!);
      const first = start();
      const firstExit = exited(first);
      await eventually(() => expect(applied(recordPath).length).toBeGreaterThanOrEqual(2_000), 120_000, 20);
      first.kill(signal);
      const outcome = await firstExit;
      if (signal === 'SIGTERM') expect(outcome).toEqual({ code: 0, signal: null });
      else expect(outcome.signal).toBe('SIGKILL');
      const beforeRestart = applied(recordPath).length;
      const committedAtStop = await expectCommittedWereApplied(groupId, sourceTopics, recordPath);

      const second = start();
      const secondExit = exited(second);
      await eventually(async () => expect(await expectCommittedWereApplied(groupId, sourceTopics, recordPath)).toBe(totalRecords), 240_000, 250);
      second.kill('SIGTERM');
      expect(await secondExit).toEqual({ code: 0, signal: null });

      const handedOver = applied(recordPath);
      expect(new Set(handedOver.map((entry) => entry.id))).toEqual(ids);
      const effects = await effectsInStore(side.store, ids);
      console.info(
        `[writer-faults] ${signal}: ${totalRecords} records (${MESSAGES} messages + ${totalRecords - BigInt(MESSAGES)} resent), ` +
          `${beforeRestart} applied before the stop, ${committedAtStop} committed at the stop, ` +
          `${handedOver.length - MESSAGES} dispatches of a message already applied; in the store: ${effects.events} events ` +
          `in ${effects.streams} streams, ${effects.missing.length} missing, ${effects.doubled.length} doubled, ` +
          `${effects.revisionGaps.length} revision gaps, ${effects.brokenChains.length} broken chains`,
      );
      expect(effects).toEqual({
        events: MESSAGES,
        missing: [],
        doubled: [],
        foreign: [],
        underivedEventIds: [],
        streams: streams.size,
        revisionGaps: [],
        brokenChains: [],
        outOfOrder: [],
      });
    },
    420_000,
  );
});
