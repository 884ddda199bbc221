// The event writer: a consumer-group worker that checks every message against its schema,
// dead-letters what fails (and goes on), and hands the rest to the dispatcher. A record's
// offset is committed only after its dispatch succeeded; one device's messages are applied
// in order, different devices' messages of a batch concurrently. A run of one device's
// messages of an `overlapKinds` kind is handed over side by side, in order (the dispatcher
// may merge them into one append); after a failure everything from the failed one on is
// dispatched again, so the last dispatch of each message keeps the device's order.
import type { Logger } from 'pino';
import { register as defaultRegistry, type Counter, type Registry } from 'prom-client';
import { isDomainError } from '../../domain/shared/errors.js';
import { deadLetterOf, type DeadLetterReason } from '../messages/dead-letter.js';
import type { MessageKind } from '../messages/message-id.js';
import { parseMessage } from '../messages/parse-message.js';
import { TOPICS } from '../messages/topics.js';
import type { BatchControl, RecordBatch, Subscription, Transport, TransportRecord } from '../port.js';
import { counterIn } from '../registered-metric.js';
import { AppliedTracker } from './applied-tracker.js';
import { MessageRejectedError, type MessageDispatcher } from './message-dispatcher.js';
import { PermanentFailure, retryUntilDone, StopRequestedError, type BackoffSettings } from './retry-until-done.js';

export interface WriterTopics {
  observations: string;
  infractions: string;
  deviceStatus: string;
}

export interface EventWriterOptions {
  transport: Transport;
  dispatcher: MessageDispatcher;
  logger: Logger;
  groupId?: string;
  topics?: WriterTopics;
  /** How many devices of one batch are worked on at once. */
  keyConcurrency?: number;
  /**
   * Kinds whose consecutive messages of one device may be dispatched without waiting for
   * the previous one (they are started in order). Default: none.
   */
  overlapKinds?: readonly MessageKind[];
  backoff?: BackoffSettings;
  registry?: Registry;
  now?: () => Date;
}

type Outcome = 'dispatched' | 'dead_lettered';

/** Records of one device dispatched side by side at most. */
const MAX_OVERLAP = 200;

export class EventWriter {
  private readonly kindByTopic: Map<string, MessageKind>;
  private readonly processed: Counter<'topic' | 'outcome'>;
  private readonly retries: Counter<'topic'>;
  private subscription: Subscription | undefined;

  constructor(private readonly options: EventWriterOptions) {
    const topics = options.topics ?? TOPICS;
    this.kindByTopic = new Map<string, MessageKind>([
      [topics.observations, 'observation'],
      [topics.infractions, 'infraction'],
      [topics.deviceStatus, 'device-status'],
    ]);
    const registry = options.registry ?? defaultRegistry;
    this.processed = counterIn(registry, 'roadledger_writer_messages_total', 'Messages the event writer finished, by outcome', ['topic', 'outcome']);
    this.retries = counterIn(registry, 'roadledger_writer_retries_total', 'Transient failures the event writer waited out', ['topic']);
  }

  async start(): Promise<void> {
    this.subscription = await this.options.transport.subscribe(
      { groupId: this.options.groupId ?? 'roadledger-event-writer', topics: [...this.kindByTopic.keys()], fromBeginning: true },
      (batch, control) => this.handleBatch(batch, control),
    );
    this.options.logger.info({ topics: [...this.kindByTopic.keys()] }, 'event writer started');
  }

  /** Lets the current batch finish what it can; whatever is unfinished stays uncommitted. */
  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
    this.options.logger.info('event writer stopped');
  }

  private async handleBatch(batch: RecordBatch, control: BatchControl): Promise<void> {
    const tracker = new AppliedTracker(batch.records, control);
    const byDevice = groupByKey(batch.records);
    let failure: unknown;
    const lanes = [...byDevice.values()];
    const workers = Array.from({ length: Math.min(this.options.keyConcurrency ?? 8, lanes.length) }, async () => {
      for (let lane = lanes.shift(); lane && failure === undefined; lane = lanes.shift()) {
        for (let next = 0; next < lane.length && failure === undefined; ) {
          try {
            next += await this.handleRun(lane, next, control, tracker);
          } catch (error) {
            failure ??= error;
          }
        }
      }
    });
    await Promise.all(workers);
    if (failure !== undefined) throw failure;
  }

  /** Handles the record at `from` (and the overlapping run it starts); returns how many records were applied. */
  private async handleRun(lane: readonly TransportRecord[], from: number, control: BatchControl, tracker: AppliedTracker): Promise<number> {
    if (control.isStopping()) throw new StopRequestedError();
    let end = from;
    while (end < lane.length && end - from < MAX_OVERLAP && this.overlaps((lane[end] as TransportRecord).topic)) end += 1;
    if (end - from > 1) {
      const run = lane.slice(from, end);
      const outcomes = await Promise.allSettled(run.map((record) => this.handleRecord(record, control, false)));
      let applied = 0;
      while (applied < run.length && (outcomes[applied] as PromiseSettledResult<void>).status === 'fulfilled') {
        tracker.applied((run[applied] as TransportRecord).offset);
        applied += 1;
      }
      // Applied up to the first failure; the next call starts over from it, and a record
      // that fails first in its run is then handled alone, with retries.
      if (applied > 0) return applied;
    }
    const record = lane[from] as TransportRecord;
    await this.handleRecord(record, control, true);
    tracker.applied(record.offset);
    return 1;
  }

  private overlaps(topic: string): boolean {
    const kind = this.kindByTopic.get(topic);
    return kind !== undefined && (this.options.overlapKinds ?? []).includes(kind);
  }

  private async handleRecord(record: TransportRecord, control: BatchControl, retry: boolean): Promise<void> {
    const kind = this.kindByTopic.get(record.topic);
    if (!kind) {
      return this.deadLetter(record, { kind: 'unknown-topic', summary: `no schema for topic ${record.topic}`, issues: [] }, control);
    }
    const result = parseMessage(kind, record.value);
    if (!result.ok) return this.deadLetter(record, result.reason, control);
    const context = { topic: record.topic, partition: record.partition, offset: record.offset, key: record.key, receivedAt: record.timestamp };
    const dispatch = async (): Promise<void> => {
      try {
        await this.options.dispatcher.dispatch(result.parsed, context);
      } catch (error) {
        throw isRejection(error) ? new PermanentFailure(error) : error;
      }
    };
    try {
      await (retry ? this.withRetry(record, control, dispatch) : dispatch());
      this.processed.inc({ topic: record.topic, outcome: 'dispatched' satisfies Outcome });
    } catch (error) {
      if (!(error instanceof PermanentFailure)) throw error;
      await this.deadLetter(record, rejectionReason(error.cause), control);
    }
  }

  private async deadLetter(record: TransportRecord, reason: DeadLetterReason, control: BatchControl): Promise<void> {
    const letter = deadLetterOf(record, reason, this.options.now?.() ?? new Date());
    await this.withRetry(record, control, () => this.options.transport.publishDeadLetter(letter));
    this.processed.inc({ topic: record.topic, outcome: 'dead_lettered' satisfies Outcome });
    this.options.logger.warn(
      { topic: record.topic, partition: record.partition, offset: record.offset, key: record.key, reason: reason.summary },
      'message dead-lettered',
    );
  }

  private withRetry(record: TransportRecord, control: BatchControl, work: () => Promise<void>): Promise<void> {
    return retryUntilDone(work, control, this.options.backoff ?? { initialDelayMs: 100, maxDelayMs: 5_000 }, (error, attempt, delayMs) => {
      this.retries.inc({ topic: record.topic });
      this.options.logger.warn(
        { err: error, topic: record.topic, partition: record.partition, offset: record.offset, attempt, delayMs },
        'transient failure; retrying the same message',
      );
    });
  }
}

function groupByKey(records: readonly TransportRecord[]): Map<string | null, TransportRecord[]> {
  const lanes = new Map<string | null, TransportRecord[]>();
  for (const record of records) {
    const lane = lanes.get(record.key);
    if (lane) lane.push(record);
    else lanes.set(record.key, [record]);
  }
  return lanes;
}

function isRejection(error: unknown): boolean {
  return error instanceof MessageRejectedError || isDomainError(error);
}

function rejectionReason(error: unknown): DeadLetterReason {
  if (error instanceof MessageRejectedError) return { kind: 'rejected', summary: error.message, issues: error.issues };
  if (isDomainError(error)) return { kind: 'rejected', summary: `${error.code}: ${error.message}`, issues: [] };
  return { kind: 'rejected', summary: String(error), issues: [] };
}

