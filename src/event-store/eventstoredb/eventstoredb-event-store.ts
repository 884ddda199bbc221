// The EventStoreDB adapter of the event store port. EventStoreDB keeps the order, the
// revisions and the idempotency itself; this adapter adds the hash chain (carried in each
// event's metadata) by reading the stream's last hash before it appends at that revision.
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START as ESDB_START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
} from '@eventstore/db-client';
import { createLogger, type Logger } from '../../app/logger.js';
import type { EventEnvelope } from '../../domain/shared/message.js';
import { eventHash, GENESIS_HASH, verifyChain } from '../hash-chain.js';
import {
  comparePositions,
  START,
  StreamNotFound,
  WrongExpectedRevision,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
  type VerifyResult,
} from '../port.js';
import { isSystemEvent, toEventData, toRecordedEvent } from './event-mapping.js';
import { EventStoreDbSubscription } from './eventstoredb-subscription.js';

// Appends with `any` race other writers for the chain's next revision; a few retries settle it.
const MAX_CHAIN_RETRIES = 5;

export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly logger: Logger;

  constructor(connectionString: string, logger?: Logger) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.logger = logger ?? createLogger('info', 'event-store');
  }

  async append(stream: string, events: readonly EventEnvelope[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new TypeError(`append to ${stream}: needs at least one event`);
    for (let attempt = 1; ; attempt += 1) {
      const head = await this.lastEvent(stream);
      const replay = typeof expected === 'number' || expected === 'no_stream' ? undefined : await this.tailReplay(stream, events);
      if (replay) return replay;
      if (expected === 'stream_exists' && !head) throw new WrongExpectedRevision(stream, expected, -1);
      const base = typeof expected === 'number' ? expected : expected === 'no_stream' ? -1 : (head?.revision ?? -1);
      const previous = base === head?.revision ? head : base >= 0 ? await this.eventAt(stream, base) : undefined;
      let previousHash = previous?.hash ?? GENESIS_HASH;
      const data = events.map((event, index) => {
        const chain = { previousHash, hash: eventHash({ stream, revision: base + 1 + index, ...event, previousHash }) };
        previousHash = chain.hash;
        return toEventData(event, chain);
      });
      const expectedRevision: AppendExpectedRevision = base < 0 ? NO_STREAM : BigInt(base);
      try {
        const result = await this.client.appendToStream(stream, data, { expectedRevision });
        return {
          nextRevision: Number(result.nextExpectedRevision),
          position: result.position ?? (await this.headPosition()),
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        const actual = error.actualVersion === NO_STREAM ? -1 : Number(error.actualVersion);
        const chosenByUs = expected === 'any' || expected === 'stream_exists';
        if (!chosenByUs || attempt >= MAX_CHAIN_RETRIES) throw new WrongExpectedRevision(stream, expected, actual);
      }
    }
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    const from = options.fromRevision ?? (options.direction === 'backwards' ? 'end' : 'start');
    const reading = this.client.readStream(stream, {
      direction: options.direction === 'backwards' ? BACKWARDS : FORWARDS,
      fromRevision: from === 'start' ? ESDB_START : from === 'end' ? END : BigInt(from),
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
    });
    try {
      for await (const resolved of reading) yield toRecordedEvent(resolved);
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw new StreamNotFound(stream);
      throw error;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    const from = options.fromPosition;
    const reading = this.client.readAll({ direction: FORWARDS, fromPosition: from && !isStart(from) ? from : ESDB_START });
    for await (const resolved of reading) {
      if (isSystemEvent(resolved)) continue;
      const event = toRecordedEvent(resolved);
      // EventStoreDB reads from a position inclusively; the port's is exclusive.
      if (from && comparePositions(event.position, from) <= 0) continue;
      yield event;
      remaining -= 1;
      if (remaining <= 0) return;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const from = options.fromPosition ?? START;
    const start = async (): Promise<Position> => (from === 'end' ? this.headPosition() : from);
    return new EventStoreDbSubscription(this.client, start, options.filter ?? {}, this.logger);
  }

  async headPosition(): Promise<Position> {
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END })) {
      if (!isSystemEvent(resolved)) return toRecordedEvent(resolved).position;
    }
    return START;
  }

  async verify(stream: string): Promise<VerifyResult> {
    return verifyChain(stream, this.readStreamOrNothing(stream, {}));
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async lastEvent(stream: string): Promise<RecordedEvent | undefined> {
    for await (const event of this.readStreamOrNothing(stream, { direction: 'backwards', maxCount: 1 })) return event;
    return undefined;
  }

  private async eventAt(stream: string, revision: number): Promise<RecordedEvent | undefined> {
    for await (const event of this.readStreamOrNothing(stream, { fromRevision: revision, maxCount: 1 })) return event;
    return undefined;
  }

  private async *readStreamOrNothing(stream: string, options: ReadStreamOptions): AsyncGenerator<RecordedEvent> {
    try {
      yield* this.readStream(stream, options);
    } catch (error) {
      if (!(error instanceof StreamNotFound)) throw error;
    }
  }

  /** With `any`/`stream_exists`, a replay is recognised when the same ids end the stream. */
  private async tailReplay(stream: string, events: readonly EventEnvelope[]): Promise<AppendResult | undefined> {
    const tail: RecordedEvent[] = [];
    for await (const event of this.readStreamOrNothing(stream, { direction: 'backwards', maxCount: events.length })) tail.unshift(event);
    const same = tail.length === events.length && tail.every((event, index) => event.metadata.eventId === events[index]!.metadata.eventId);
    const last = tail.at(-1);
    return same && last ? { nextRevision: last.revision, position: last.position } : undefined;
  }
}

function isStart(position: Position): boolean {
  return position.commit === 0n && position.prepare === 0n;
}
