// The event writer as a separate process on the real Kafka, killed in the middle of 10,000
// messages. The dispatcher here records to a file (the command side is not under test):
// what is shown is that nothing is lost, that no offset is committed for a record that was
// not dispatched, and how many records a crash or a clean stop delivers twice (the
// idempotent append downstream turns those into no new event).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { eventually, freshName } from '../contract-support.js';
import { KafkaTransport } from '../kafka/kafka-transport.js';
import { anObservation } from '../testing/message-builders.js';
import type { WriterTopics } from '../writer/event-writer.js';

const { KAFKA_BROKERS: brokers } = loadConfig(process.env);
const root = fileURLToPath(new URL('../../../', import.meta.url));
// Compiled under node_modules so the child resolves the project's packages.
const outDir = join(root, 'node_modules/.cache/roadledger-writer-faults');
const entry = join(outDir, 'src/transport/fault/writer-process.js');
const MESSAGES = 10_000;

interface Dispatch {
  id: string;
  topic: string;
  partition: number;
  offset: bigint;
}

describe('event writer process on Kafka, under faults', () => {
  const admin = new Kafka({ clientId: 'roadledger-faults-admin', brokers, logLevel: logLevel.NOTHING }).admin();
  let producer: KafkaTransport;

  beforeAll(async () => {
    execFileSync(
      join(root, 'node_modules/.bin/tsc'),
      [join(root, 'src/transport/fault/writer-process.ts'), '--outDir', outDir, '--rootDir', root, '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2023', '--strict', '--skipLibCheck', '--types', 'node', '--ignoreConfig'],
      { cwd: root, stdio: 'ignore', timeout: 240_000 },
    );
  }, 300_000);

  beforeAll(async () => {
    await admin.connect();
    producer = await KafkaTransport.connect({ brokers, clientId: 'roadledger-faults', logger: pino({ level: 'silent' }), registry: new Registry() });
  });

  afterAll(async () => {
    await producer?.close();
    await admin.disconnect();
  });

  async function setUp() {
    const topics: WriterTopics = { observations: freshName('fault-obs'), infractions: freshName('fault-inf'), deviceStatus: freshName('fault-status') };
    const deadLetterTopic = freshName('fault-dead-letter');
    await producer.ensureTopics([...Object.values(topics), deadLetterTopic].map((topic) => ({ topic, partitions: 6 })));
    const ids = new Set<string>();
    for (let start = 0; start < MESSAGES; start += 1_000) {
      const chunk = Array.from({ length: 1_000 }, (_, index) => {
        const seq = start + index;
        const deviceId = `cam-${seq % 20}`;
        const message = anObservation({ deviceId, trackId: `track-${seq}`, deviceTime: new Date(Date.UTC(2026, 2, 1, 8) + seq).toISOString() });
        ids.add(message.messageId);
        return { key: deviceId, value: message };
      });
      await producer.publishBatch(topics.observations, chunk);
    }
    const recordPath = join(mkdtempSync(join(tmpdir(), 'roadledger-faults-')), 'dispatched.log');
    const args = JSON.stringify({ brokers, groupId: freshName('fault-writer'), topics, deadLetterTopic, recordPath });
    return { topics, ids, recordPath, groupId: JSON.parse(args).groupId as string, start: () => startWriter(args) };
  }

  function startWriter(args: string): ChildProcess {
    return spawn(process.execPath, [entry, args], { stdio: ['ignore', 'ignore', 'inherit'] });
  }

  function dispatched(path: string): Dispatch[] {
    if (!existsSync(path)) return [];
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.split(' ').length === 4)
      .map((line) => {
        const [id, topic, partition, offset] = line.split(' ') as [string, string, string, string];
        return { id, topic, partition: Number(partition), offset: BigInt(offset) };
      });
  }

  /** Every offset the group committed is covered by a record the dispatcher received. */
  async function expectCommittedWereDispatched(groupId: string, topic: string, path: string): Promise<bigint> {
    const seen = new Set(dispatched(path).map((entry) => `${entry.partition}/${entry.offset}`));
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    let total = 0n;
    for (const { partition, offset } of committed?.partitions ?? []) {
      for (let position = 0n; position < BigInt(offset); position += 1n) {
        expect(seen.has(`${partition}/${position}`), `committed ${topic}/${partition}@${position} was dispatched`).toBe(true);
      }
      total += BigInt(offset) > 0n ? BigInt(offset) : 0n;
    }
    return total;
  }

  function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  it.each(['SIGKILL', 'SIGTERM'] as const)('%s in the middle of 10,000 messages, then a restart: every message dispatched, none lost', async (signal) => {
    const { topics, ids, recordPath, groupId, start } = await setUp();
    const first = start();
    const firstExit = exited(first);
    await eventually(() => expect(dispatched(recordPath).length).toBeGreaterThanOrEqual(2_000), 90_000, 20);
    first.kill(signal);
    const outcome = await firstExit;
    if (signal === 'SIGTERM') expect(outcome).toEqual({ code: 0, signal: null });
    else expect(outcome.signal).toBe('SIGKILL');
    const beforeRestart = dispatched(recordPath).length;
    const committedAtStop = await expectCommittedWereDispatched(groupId, topics.observations, recordPath);

    const second = start();
    const secondExit = exited(second);
    await eventually(() => expect(new Set(dispatched(recordPath).map((entry) => entry.id)).size).toBe(MESSAGES), 120_000, 200);
    await eventually(async () => expect(await expectCommittedWereDispatched(groupId, topics.observations, recordPath)).toBe(BigInt(MESSAGES)), 30_000, 200);
    second.kill('SIGTERM');
    expect(await secondExit).toEqual({ code: 0, signal: null });

    const all = dispatched(recordPath);
    expect(new Set(all.map((entry) => entry.id))).toEqual(ids);
    const twice = all.length - MESSAGES;
    console.info(
      `[writer-faults] ${signal}: ${beforeRestart} dispatches before the stop, ${committedAtStop} committed at the stop, ` +
        `${twice} of ${MESSAGES} messages dispatched twice after the restart`,
    );
  }, 300_000);
});
