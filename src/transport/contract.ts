// The one contract every transport adapter honours, run against each of them: per-key
// order, commit only after the handler succeeded, redelivery of what was not applied,
// dead letters readable like any topic. The event writer's contract runs on top of it.
import { afterEach, describe, expect, it } from 'vitest';
import { deadLetterOf, DeadLetterV1 } from './messages/dead-letter.js';
import type { Subscription, Transport } from './port.js';
import { eventually, freshName, recordingHandler, sequence, type Delivered, type TransportUnderTest } from './contract-support.js';
import { writerContract } from './writer/writer-contract.js';

export function transportContract(adapter: TransportUnderTest): void {
  const opened: Transport[] = [];
  const subscriptions: Subscription[] = [];

  async function transport(): Promise<{ transport: Transport; topic: string; deadLetterTopic: string; groupId: string }> {
    const deadLetterTopic = freshName('contract-dead-letter');
    const topic = freshName('contract-topic');
    const created = await adapter.create({ deadLetterTopic });
    opened.push(created);
    await created.ensureTopics([
      { topic, partitions: adapter.partitions },
      { topic: deadLetterTopic, partitions: 1 },
    ]);
    return { transport: created, topic, deadLetterTopic, groupId: freshName('contract-group') };
  }

  afterEach(async () => {
    await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()));
    await Promise.all(opened.splice(0).map((transport) => transport.close()));
  });

  describe('delivery', () => {
    it("keeps each key's messages in order, all in one partition", async () => {
      const { transport: bus, topic, groupId } = await transport();
      const keys = ['cam-a', 'cam-b', 'cam-c', 'cam-d', 'cam-e'];
      for (let round = 0; round < 4; round += 1) {
        const batch = keys.flatMap((key) => sequence(key, 40).slice(round * 10, round * 10 + 9));
        await bus.publishBatch(topic, batch);
        for (const key of keys) await bus.publish(topic, key, { key, seq: round * 10 + 9 });
      }
      const delivered: Delivered[] = [];
      subscriptions.push(await bus.subscribe({ groupId, topics: [topic] }, recordingHandler(delivered)));

      await eventually(() => expect(delivered).toHaveLength(200), adapter.patienceMs);
      for (const key of keys) {
        const mine = delivered.filter((entry) => entry.record.key === key);
        expect(mine.map((entry) => entry.body.seq)).toEqual(Array.from({ length: 40 }, (_, seq) => seq));
        expect(new Set(mine.map((entry) => entry.record.partition)).size).toBe(1);
      }
    });

    it('hands over an object as JSON and a Buffer byte for byte', async () => {
      const { transport: bus, topic, groupId } = await transport();
      const raw = Buffer.from([0x00, 0xff, 0x10, 0x7b]);
      await bus.publish(topic, 'cam-1', raw);
      await bus.publish(topic, 'cam-1', { plate: 'ABC-123', confidence: 0.9 });
      const values: Buffer[] = [];
      subscriptions.push(
        await bus.subscribe({ groupId, topics: [topic] }, async (batch) => {
          values.push(...batch.records.map((record) => record.value));
        }),
      );
      await eventually(() => expect(values).toHaveLength(2), adapter.patienceMs);
      expect(values[0]?.equals(raw)).toBe(true);
      expect(JSON.parse(values[1]?.toString('utf8') ?? '')).toEqual({ plate: 'ABC-123', confidence: 0.9 });
    });
  });

  describe('consumer groups', () => {
    it('share the partitions among their members, which together get every record', async () => {
      const { transport: bus, topic, groupId } = await transport();
      const first: Delivered[] = [];
      const second: Delivered[] = [];
      subscriptions.push(await bus.subscribe({ groupId, topics: [topic] }, recordingHandler(first)));
      subscriptions.push(await bus.subscribe({ groupId, topics: [topic] }, recordingHandler(second)));
      const keys = Array.from({ length: 12 }, (_, index) => `cam-${index}`);
      let sent = 0;
      // Until both members have records: a Kafka member owns partitions only once the group settled.
      await eventually(async () => {
        await bus.publishBatch(topic, keys.map((key) => ({ key, value: { key, seq: sent } })));
        sent += 1;
        expect(first.length).toBeGreaterThan(0);
        expect(second.length).toBeGreaterThan(0);
      }, adapter.patienceMs, 250);

      const settled = sent;
      for (; sent < settled + 5; sent += 1) await bus.publishBatch(topic, keys.map((key) => ({ key, value: { key, seq: sent } })));

      const ids = (entries: Delivered[]) => entries.map((entry) => `${entry.body.key}/${entry.body.seq}`);
      await eventually(() => expect(new Set([...ids(first), ...ids(second)]).size).toBe(sent * keys.length), adapter.patienceMs);
      // Once the group has settled, each record goes to one member only.
      const late = (entries: Delivered[]) => new Set(ids(entries.filter((entry) => entry.body.seq >= settled)));
      const both = [...late(first)].filter((id) => late(second).has(id));
      expect(both).toEqual([]);
    });
  });

  describe('at least once, committed only after success', () => {
    it('delivers again what a failed batch left unapplied, and only that', async () => {
      const { transport: bus, topic, groupId } = await transport();
      await bus.publishBatch(topic, sequence('cam-1', 10));
      const attempts: number[] = [];
      let failedOnce = false;
      const delivered: Delivered[] = [];
      subscriptions.push(
        await bus.subscribe(
          { groupId, topics: [topic] },
          recordingHandler(delivered, (record) => {
            const seq = JSON.parse(record.value.toString('utf8')).seq as number;
            attempts.push(seq);
            if (seq === 5 && !failedOnce) {
              failedOnce = true;
              throw new Error('the store is down');
            }
          }),
        ),
      );
      await eventually(() => expect(delivered).toHaveLength(10), adapter.patienceMs);
      expect(attempts).toEqual([0, 1, 2, 3, 4, 5, 5, 6, 7, 8, 9]);
      expect(delivered.map((entry) => entry.body.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('never commits a batch whose handler failed: the next member of the group gets it again', async () => {
      const { transport: bus, topic, groupId } = await transport();
      await bus.publishBatch(topic, sequence('cam-1', 3));
      let failures = 0;
      const failing = await bus.subscribe({ groupId, topics: [topic] }, async () => {
        failures += 1;
        throw new Error('the store is down');
      });
      await eventually(() => expect(failures).toBeGreaterThanOrEqual(2), adapter.patienceMs);
      await failing.stop();

      const delivered: Delivered[] = [];
      subscriptions.push(await bus.subscribe({ groupId, topics: [topic] }, recordingHandler(delivered)));
      await eventually(() => expect(delivered).toHaveLength(3), adapter.patienceMs);
      expect(delivered.map((entry) => entry.body.seq)).toEqual([0, 1, 2]);
    });

    it('resumes a group after the last record it committed', async () => {
      const { transport: bus, topic, groupId } = await transport();
      await bus.publishBatch(topic, sequence('cam-1', 5));
      const first: Delivered[] = [];
      const consumer = await bus.subscribe({ groupId, topics: [topic] }, recordingHandler(first));
      await eventually(() => expect(first).toHaveLength(5), adapter.patienceMs);
      await consumer.stop();

      await bus.publishBatch(topic, sequence('cam-1', 8).slice(5));
      const second: Delivered[] = [];
      subscriptions.push(await bus.subscribe({ groupId, topics: [topic] }, recordingHandler(second)));
      await eventually(() => expect(second).toHaveLength(3), adapter.patienceMs);
      expect(second.map((entry) => entry.body.seq)).toEqual([5, 6, 7]);
    });

    it('stopping during a batch leaves its unapplied rest uncommitted', async () => {
      const { transport: bus, topic, groupId } = await transport();
      await bus.publishBatch(topic, sequence('cam-1', 10));
      let reachedThird!: () => void;
      const third = new Promise<void>((resolve) => (reachedThird = resolve));
      const first: Delivered[] = [];
      const consumer = await bus.subscribe(
        { groupId, topics: [topic] },
        recordingHandler(first, async (record, control) => {
          if (JSON.parse(record.value.toString('utf8')).seq !== 3) return;
          reachedThird();
          await eventually(() => expect(control.isStopping()).toBe(true), adapter.patienceMs);
          throw new Error('abandoned: stopping');
        }),
      );
      await third;
      await consumer.stop();
      expect(first.map((entry) => entry.body.seq)).toEqual([0, 1, 2]);

      const second: Delivered[] = [];
      subscriptions.push(await bus.subscribe({ groupId, topics: [topic] }, recordingHandler(second)));
      await eventually(() => expect(second).toHaveLength(7), adapter.patienceMs);
      expect(second.map((entry) => entry.body.seq)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    });
  });

  describe('dead letters', () => {
    it('are kept in the dead-letter topic with their reason and original bytes, readable like any topic', async () => {
      const { transport: bus, deadLetterTopic, groupId } = await transport();
      const original = Buffer.from('{"deviceId": broken');
      const letter = deadLetterOf(
        { topic: 'traffic.observations.v1', partition: 1, offset: '17', key: 'cam-3', value: original },
        { kind: 'invalid-json', summary: 'not JSON', issues: [] },
        new Date('2026-03-01T10:00:00Z'),
      );
      await bus.publishDeadLetter(letter);
      const read: DeadLetterV1[] = [];
      subscriptions.push(
        await bus.subscribe({ groupId, topics: [deadLetterTopic] }, async (batch) => {
          read.push(...batch.records.map((record) => DeadLetterV1.parse(JSON.parse(record.value.toString('utf8')))));
        }),
      );
      await eventually(() => expect(read).toHaveLength(1), adapter.patienceMs);
      expect(read[0]).toEqual(letter);
      expect(Buffer.from(read[0]?.valueBase64 ?? '', 'base64').equals(original)).toBe(true);
    });
  });

  writerContract(adapter);
}
