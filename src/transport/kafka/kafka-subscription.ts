// One consumer-group member on Kafka. Offsets are resolved and committed by hand, only for
// records the handler applied; a failed batch is not resolved, so kafkajs fetches it again
// from the last resolved offset. A timer heartbeats while a long batch runs.
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import type { BatchControl, BatchHandler, Subscription, SubscribeOptions, TransportRecord } from '../port.js';
import type { ConsumerLagMonitor } from './consumer-lag.js';

/** markApplied may cover many records at once; this counts calls, a close enough proxy. */
const COMMIT_EVERY_RECORDS = 500;

export interface KafkaSubscriptionSettings {
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  redeliveryDelayMs: number;
  commitIntervalMs: number;
  partitionsConsumedConcurrently: number;
}

export class KafkaSubscription implements Subscription {
  private consumer: Consumer | undefined;
  private stopping = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: SubscribeOptions,
    private readonly handler: BatchHandler,
    private readonly settings: KafkaSubscriptionSettings,
    private readonly lag: ConsumerLagMonitor,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.settings.sessionTimeoutMs,
      heartbeatInterval: this.settings.heartbeatIntervalMs,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      // Different partitions overlap their waits on the store and on commits; within a
      // partition kafkajs still hands over one batch at a time, in order.
      partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  /** Lets the running batch see isStopping(), waits for it, then leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.lag.stop();
    await this.consumer?.disconnect();
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, isRunning, isStale } = payload;
    if (this.stopping || !isRunning() || isStale() || batch.messages.length === 0) return;
    const records = batch.messages.map((message) => toRecord(batch.topic, batch.partition, message));
    let lostPartition = false;
    let applied: string | undefined;
    // Progress inside a long batch is committed now and then, so a crash redelivers
    // seconds of work rather than the whole batch.
    let committing: Promise<void> = Promise.resolve();
    let lastCommit = Date.now();
    let sinceCommit = 0;
    const control: BatchControl = {
      markApplied: (offset) => {
        payload.resolveOffset(offset);
        applied = offset;
        sinceCommit += 1;
        if (sinceCommit >= COMMIT_EVERY_RECORDS || Date.now() - lastCommit >= this.settings.commitIntervalMs) {
          lastCommit = Date.now();
          sinceCommit = 0;
          committing = committing.then(() => this.commit(payload, offset));
        }
      },
      heartbeat: () => payload.heartbeat(),
      isStopping: () => this.stopping || lostPartition || !isRunning() || isStale(),
    };
    const beat = setInterval(() => {
      payload.heartbeat().catch((error: unknown) => {
        // A failed heartbeat means a rebalance: the partition may go to another member.
        lostPartition = true;
        this.logger.warn({ err: error, topic: batch.topic, partition: batch.partition }, 'heartbeat failed during a batch');
      });
    }, this.settings.heartbeatIntervalMs);
    beat.unref();
    try {
      await this.handler({ topic: batch.topic, partition: batch.partition, records }, control);
      control.markApplied((records[records.length - 1] as TransportRecord).offset);
    } catch (error) {
      if (!control.isStopping()) {
        this.logger.warn(
          { err: error, groupId: this.options.groupId, topic: batch.topic, partition: batch.partition, fromOffset: batch.firstOffset() },
          'batch handler failed; the unapplied records will be delivered again',
        );
        await new Promise((resolve) => setTimeout(resolve, this.settings.redeliveryDelayMs));
      }
    } finally {
      clearInterval(beat);
    }
    await committing;
    if (applied !== undefined) await this.commit(payload, applied);
  }

  private async commit(payload: EachBatchPayload, appliedOffset: string): Promise<void> {
    const { topic, partition } = payload.batch;
    const offset = (BigInt(appliedOffset) + 1n).toString();
    try {
      await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset }] }] });
    } catch (error) {
      // The records were applied; if the commit is lost they come again and the idempotent
      // append downstream absorbs them.
      this.logger.warn({ err: error, topic, partition, offset }, 'offset commit failed; the batch may be delivered again');
    }
  }
}

function toRecord(topic: string, partition: number, message: KafkaMessage): TransportRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString('utf8') : null,
    value: message.value ?? Buffer.alloc(0),
    timestamp: new Date(Number(message.timestamp)).toISOString(),
  };
}
