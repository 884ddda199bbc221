// The event writer over each transport adapter: bad messages dead-lettered with their
// reason while the writer goes on, good ones dispatched once and in device order, and
// nothing committed that the dispatcher did not finish.
import { Registry } from 'prom-client';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, freshName, type TransportUnderTest } from '../contract-support.js';
import { DeadLetterV1 } from '../messages/dead-letter.js';
import type { MessageKind } from '../messages/message-id.js';
import type { OutgoingMessage, Subscription, Transport } from '../port.js';
import { malformedMessage, type TopicRole } from '../testing/malformed-messages.js';
import { aDeviceStatus, anInfraction, anObservation } from '../testing/message-builders.js';
import { RecordingDispatcher } from '../testing/recording-dispatcher.js';
import { EventWriter, type WriterTopics } from './event-writer.js';
import { MessageRejectedError } from './message-dispatcher.js';

const silent = pino({ level: 'silent' });

export function writerContract(adapter: TransportUnderTest): void {
  const cleanup: (Transport | EventWriter | Subscription)[] = [];

  afterEach(async () => {
    for (const item of cleanup.splice(0).reverse()) await ('close' in item ? item.close() : item.stop());
  });

  async function setUp() {
    const topics: WriterTopics = { observations: freshName('obs'), infractions: freshName('inf'), deviceStatus: freshName('status') };
    const deadLetterTopic = freshName('dead-letter');
    const transport = await adapter.create({ deadLetterTopic });
    cleanup.push(transport);
    await transport.ensureTopics([...Object.values(topics), deadLetterTopic].map((topic) => ({ topic, partitions: adapter.partitions })));
    const groupId = freshName('writer');
    const startWriter = async (dispatcher: RecordingDispatcher, overlapKinds: MessageKind[] = []): Promise<EventWriter> => {
      const writer = new EventWriter({ transport, dispatcher, logger: silent, groupId, topics, registry: new Registry(), backoff: { initialDelayMs: 10, maxDelayMs: 50 }, overlapKinds });
      cleanup.push(writer);
      await writer.start();
      return writer;
    };
    const readDeadLetters = async (): Promise<DeadLetterV1[]> => {
      const letters: DeadLetterV1[] = [];
      cleanup.push(
        await transport.subscribe({ groupId: freshName('dead-letter-reader'), topics: [deadLetterTopic] }, async (batch) => {
          letters.push(...batch.records.map((record) => DeadLetterV1.parse(JSON.parse(record.value.toString('utf8')))));
        }),
      );
      return letters;
    };
    return { transport, topics, startWriter, readDeadLetters };
  }

  describe('event writer', () => {
    it('dead-letters every malformed message with its reason and dispatches every valid one exactly once, in device order', async () => {
      const { transport, topics, startWriter, readDeadLetters } = await setUp();
      const devices = Array.from({ length: 10 }, (_, index) => `cam-${index}`);
      const outgoing: Record<TopicRole, OutgoingMessage[]> = { observations: [], infractions: [], deviceStatus: [] };
      const expectedIds = new Set<string>();
      const malformedByBytes = new Map<string, ReturnType<typeof malformedMessage>>();
      for (let index = 0; index < 1_000; index += 1) {
        const deviceId = devices[index % devices.length] as string;
        const deviceTime = new Date(Date.UTC(2026, 2, 1, 10) + index).toISOString();
        const trackId = `track-${index}`;
        const [role, message] =
          index % 3 === 0
            ? (['observations', anObservation({ deviceId, deviceTime, trackId })] as const)
            : index % 3 === 1
              ? (['infractions', anInfraction({ deviceId, deviceTime, trackId })] as const)
              : (['deviceStatus', aDeviceStatus({ deviceId, deviceTime })] as const);
        outgoing[role].push({ key: deviceId, value: message });
        expectedIds.add(message.messageId);
        const bad = malformedMessage(index, deviceId);
        outgoing[bad.role].push({ key: bad.key, value: bad.value });
        malformedByBytes.set(bad.value.toString('base64'), bad);
      }
      for (const role of Object.keys(outgoing) as TopicRole[]) {
        for (let start = 0; start < outgoing[role].length; start += 250) {
          await transport.publishBatch(topics[role], outgoing[role].slice(start, start + 250));
        }
      }
      const dispatcher = new RecordingDispatcher();
      await startWriter(dispatcher);
      const letters = await readDeadLetters();

      await eventually(() => expect(dispatcher.dispatched.length + letters.length).toBeGreaterThanOrEqual(2_000), adapter.patienceMs * 3, 200);
      const ids = dispatcher.dispatched.map((entry) => entry.parsed.message.messageId);
      expect(ids).toHaveLength(1_000);
      expect(new Set(ids)).toEqual(expectedIds);
      for (const deviceId of devices) {
        for (const kind of ['observation', 'infraction', 'device-status']) {
          const times = dispatcher.dispatched
            .filter((entry) => entry.parsed.kind === kind && entry.parsed.message.deviceId === deviceId)
            .map((entry) => entry.parsed.message.deviceTime);
          expect(times).toEqual([...times].sort());
        }
      }
      expect(letters).toHaveLength(1_000);
      for (const letter of letters) {
        const original = malformedByBytes.get(letter.valueBase64);
        expect(original, `dead letter from ${letter.source.topic}@${letter.source.offset} matches a sent message`).toBeDefined();
        expect(letter.reason.kind).toBe(original?.expected.kind);
        expect(letter.reason.issues.map((issue) => issue.path)).toEqual(original?.expected.paths);
        expect(letter.source.topic).toBe(topics[original?.role ?? 'observations']);
        expect(letter.key).toBe(original?.key);
      }
      expect(new Set(letters.map((letter) => `${letter.source.topic}/${letter.source.partition}/${letter.source.offset}`)).size).toBe(1_000);
    });

    it('retries a dispatch that failed for a transient reason, keeping the device order', async () => {
      const { transport, topics, startWriter } = await setUp();
      const messages = Array.from({ length: 5 }, (_, seq) => anObservation({ trackId: `track-${seq}` }));
      const flaky = messages[2]?.messageId;
      const dispatcher = new RecordingDispatcher((parsed, attempt) =>
        parsed.message.messageId === flaky && attempt <= 3 ? new Error('connection refused') : undefined,
      );
      await transport.publishBatch(topics.observations, messages.map((value) => ({ key: 'cam-1', value })));
      await startWriter(dispatcher);

      await eventually(() => expect(dispatcher.dispatched).toHaveLength(5), adapter.patienceMs);
      expect(dispatcher.idsOf('cam-1')).toEqual(messages.map((message) => message.messageId));
      expect(dispatcher.attempts.get(flaky ?? '')).toBe(4);
    });

    it('dispatches a device\'s overlapping messages side by side and redoes, in order, everything from a failed one', async () => {
      const { transport, topics, startWriter } = await setUp();
      const messages = Array.from({ length: 5 }, (_, seq) => anObservation({ trackId: `track-${seq}` }));
      const flaky = messages[2]?.messageId;
      const dispatcher = new RecordingDispatcher((parsed, attempt) => (parsed.message.messageId === flaky && attempt === 1 ? new Error('connection refused') : undefined));
      await transport.publishBatch(topics.observations, messages.map((value) => ({ key: 'cam-1', value })));
      await startWriter(dispatcher, ['observation']);

      await eventually(() => expect(new Set(dispatcher.idsOf('cam-1'))).toEqual(new Set(messages.map((message) => message.messageId))), adapter.patienceMs);
      await eventually(() => expect(dispatcher.idsOf('cam-1').at(-1)).toBe(messages[4]?.messageId), adapter.patienceMs);
      // A message's last dispatch is the one whose effect stands: those are in device order.
      const ids = dispatcher.idsOf('cam-1');
      const lastDispatches = ids.filter((id, index) => ids.lastIndexOf(id) === index);
      expect(lastDispatches).toEqual(messages.map((message) => message.messageId));
      expect(dispatcher.attempts.get(flaky ?? '')).toBe(2);
    });

    it('does not commit past a message it could not dispatch: after a stop, the next writer dispatches it', async () => {
      const { transport, topics, startWriter } = await setUp();
      const messages = Array.from({ length: 6 }, (_, seq) => anObservation({ trackId: `track-${seq}` }));
      const stuck = messages[3]?.messageId;
      const down = new RecordingDispatcher((parsed) => (parsed.message.messageId === stuck ? new Error('store down') : undefined));
      await transport.publishBatch(topics.observations, messages.map((value) => ({ key: 'cam-1', value })));
      const first = await startWriter(down);
      await eventually(() => expect(down.attempts.get(stuck ?? '')).toBeGreaterThanOrEqual(3), adapter.patienceMs);
      await first.stop();
      expect(down.idsOf('cam-1')).toEqual(messages.slice(0, 3).map((message) => message.messageId));

      const healthy = new RecordingDispatcher();
      await startWriter(healthy);
      await eventually(() => expect(healthy.dispatched).toHaveLength(3), adapter.patienceMs);
      expect(healthy.idsOf('cam-1')).toEqual(messages.slice(3).map((message) => message.messageId));
    });

    it('dead-letters a message the command side rejects for good, and goes on', async () => {
      const { transport, topics, startWriter, readDeadLetters } = await setUp();
      const messages = Array.from({ length: 3 }, (_, seq) => anInfraction({ trackId: `track-${seq}` }));
      const refused = messages[1]?.messageId;
      const dispatcher = new RecordingDispatcher((parsed) =>
        parsed.message.messageId === refused ? new MessageRejectedError('unknown zone', [{ path: 'zoneId', message: 'no such zone' }]) : undefined,
      );
      await transport.publishBatch(topics.infractions, messages.map((value) => ({ key: 'cam-1', value })));
      await startWriter(dispatcher);
      const letters = await readDeadLetters();

      await eventually(() => expect(letters).toHaveLength(1), adapter.patienceMs);
      await eventually(() => expect(dispatcher.dispatched).toHaveLength(2), adapter.patienceMs);
      expect(letters[0]?.reason).toEqual({ kind: 'rejected', summary: 'unknown zone', issues: [{ path: 'zoneId', message: 'no such zone' }] });
      expect(JSON.parse(Buffer.from(letters[0]?.valueBase64 ?? '', 'base64').toString('utf8')).messageId).toBe(refused);
    });
  });
}
