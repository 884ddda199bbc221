// One member of an in-process consumer group: takes batches of its partitions in offset
// order, commits after the handler returned, and redelivers from the last committed
// offset after the handler threw (after a pause, so a failing store is not hammered).
import type { Logger } from 'pino';
import type { BatchControl, BatchHandler, Subscription, TransportRecord } from '../port.js';
import type { ConsumerGroup, PartitionRef } from './consumer-group.js';
import type { TopicLog } from './topic-log.js';

export interface InProcessSubscriptionOptions {
  log: TopicLog;
  group: ConsumerGroup;
  groupId: string;
  topics: readonly string[];
  fromBeginning: boolean;
  maxBatchSize: number;
  redeliveryDelayMs: number;
  logger: Logger;
}

export class InProcessSubscription implements Subscription {
  private readonly member = Symbol('member');
  private readonly startOffsets = new Map<string, number>();
  private readonly retryAfter = new Map<string, number>();
  private stopping = false;
  private wake: (() => void) | undefined;
  private readonly unlisten: () => void;
  private readonly loop: Promise<void>;

  constructor(
    private readonly options: InProcessSubscriptionOptions,
    private readonly handler: BatchHandler,
  ) {
    for (const ref of this.partitions()) {
      // A group with no commit starts at the end unless told to read from the beginning.
      this.startOffsets.set(keyOf(ref), options.fromBeginning ? 0 : options.log.endOffset(ref.topic, ref.partition));
    }
    options.group.join(this.member);
    this.unlisten = options.log.onAppend(() => this.wake?.());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.unlisten();
    this.options.group.leave(this.member);
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let delivered = false;
      let nextRetry = Infinity;
      const ready: PartitionRef[] = [];
      for (const ref of this.options.group.assigned(this.member, this.partitions())) {
        const retryAt = this.retryAfter.get(keyOf(ref)) ?? 0;
        if (retryAt > Date.now()) nextRetry = Math.min(nextRetry, retryAt);
        else ready.push(ref);
      }
      // Partitions are handled side by side (as Kafka's partitionsConsumedConcurrently does):
      // a batch waiting on the store does not hold up the other partitions' batches.
      if (!this.stopping && (await Promise.all(ready.map((ref) => this.deliverNextBatch(ref)))).some(Boolean)) delivered = true;
      if (!delivered && !this.stopping) await this.waitForRecords(nextRetry === Infinity ? 1_000 : nextRetry - Date.now());
    }
  }

  private async deliverNextBatch(ref: PartitionRef): Promise<boolean> {
    const { group, log, maxBatchSize } = this.options;
    const from = group.committedOffset(ref) ?? this.startOffsets.get(keyOf(ref)) ?? 0;
    const records = log.read(ref.topic, ref.partition, from, maxBatchSize);
    if (records.length === 0 || !group.claim(ref)) return false;
    try {
      await this.handler({ ...ref, records }, this.controlFor(ref));
      group.commit(ref, Number(lastOf(records).offset) + 1);
      this.retryAfter.delete(keyOf(ref));
    } catch (error) {
      if (!this.stopping) {
        this.options.logger.warn(
          { err: error, groupId: this.options.groupId, ...ref, fromOffset: from },
          'batch handler failed; the uncommitted records will be delivered again',
        );
      }
      this.retryAfter.set(keyOf(ref), Date.now() + this.options.redeliveryDelayMs);
    } finally {
      group.release(ref);
    }
    return true;
  }

  private controlFor(ref: PartitionRef): BatchControl {
    return {
      markApplied: (offset) => this.options.group.commit(ref, Number(offset) + 1),
      heartbeat: async () => undefined,
      isStopping: () => this.stopping,
    };
  }

  private partitions(): PartitionRef[] {
    return this.options.topics.flatMap((topic) =>
      Array.from({ length: this.options.log.partitionCount(topic) }, (_, partition) => ({ topic, partition })),
    );
  }

  private waitForRecords(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(1, timeoutMs));
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }
}

function keyOf(ref: PartitionRef): string {
  return `${ref.topic}\u0000${ref.partition}`;
}

function lastOf(records: TransportRecord[]): TransportRecord {
  return records[records.length - 1] as TransportRecord;
}
