// The transport of the embedded mode (`npm start` with no Kafka): the same port and the
// same delivery contract as Kafka, held in memory for the life of the process.
import type { Logger } from 'pino';
import { TOPICS } from '../messages/topics.js';
import type { DeadLetterV1 } from '../messages/dead-letter.js';
import {
  encodeValue,
  type BatchHandler,
  type OutgoingMessage,
  type OutgoingValue,
  type SubscribeOptions,
  type Subscription,
  type TopicSpec,
  type Transport,
} from '../port.js';
import { ConsumerGroup } from './consumer-group.js';
import { InProcessSubscription } from './in-process-subscription.js';
import { TopicLog } from './topic-log.js';

export interface InProcessTransportOptions {
  logger: Logger;
  /** Partitions of a topic created implicitly (by a publish or a subscribe). */
  defaultPartitions?: number;
  maxBatchSize?: number;
  /** Pause before a batch whose handler threw is delivered again. */
  redeliveryDelayMs?: number;
  /** Where dead letters go; tests give each run its own. */
  deadLetterTopic?: string;
  now?: () => Date;
}

export class InProcessTransport implements Transport {
  private readonly log: TopicLog;
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly subscriptions = new Set<Subscription>();
  private readonly now: () => Date;

  constructor(private readonly options: InProcessTransportOptions) {
    this.log = new TopicLog(options.defaultPartitions ?? 6);
    this.now = options.now ?? (() => new Date());
  }

  async ensureTopics(topics: readonly TopicSpec[]): Promise<void> {
    for (const spec of topics) this.log.ensure(spec.topic, spec.partitions);
  }

  async publish(topic: string, key: string, value: OutgoingValue): Promise<void> {
    this.log.append(topic, key, encodeValue(value), this.now().toISOString());
  }

  async publishBatch(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    const timestamp = this.now().toISOString();
    for (const message of messages) this.log.append(topic, message.key, encodeValue(message.value), timestamp);
  }

  async publishDeadLetter(letter: DeadLetterV1): Promise<void> {
    await this.publish(this.options.deadLetterTopic ?? TOPICS.deadLetter, letter.key ?? letter.source.topic, letter);
  }

  async subscribe(options: SubscribeOptions, handler: BatchHandler): Promise<Subscription> {
    for (const topic of options.topics) this.log.ensure(topic);
    const group = this.groupFor(options.groupId);
    const subscription = new InProcessSubscription(
      {
        log: this.log,
        group,
        groupId: options.groupId,
        topics: options.topics,
        fromBeginning: options.fromBeginning ?? true,
        maxBatchSize: this.options.maxBatchSize ?? 500,
        redeliveryDelayMs: this.options.redeliveryDelayMs ?? 200,
        logger: this.options.logger,
      },
      handler,
    );
    this.subscriptions.add(subscription);
    return {
      stop: async () => {
        this.subscriptions.delete(subscription);
        await subscription.stop();
      },
    };
  }

  async close(): Promise<void> {
    const open = [...this.subscriptions];
    this.subscriptions.clear();
    await Promise.all(open.map((subscription) => subscription.stop()));
  }

  private groupFor(groupId: string): ConsumerGroup {
    let group = this.groups.get(groupId);
    if (!group) {
      group = new ConsumerGroup();
      this.groups.set(groupId, group);
    }
    return group;
  }
}
