// The transport on Kafka (kafkajs): an idempotent producer with one request in flight, so a
// retried send neither duplicates nor reorders a device's messages; consumer groups with
// manual commits (kafka-subscription.ts); topics created at start-up when missing.
import { Kafka, Partitioners, type Admin, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { register as defaultRegistry, type Registry } from 'prom-client';
import type { DeadLetterV1 } from '../messages/dead-letter.js';
import { TOPICS } from '../messages/topics.js';
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
import { CoalescingSender } from './coalescing-sender.js';
import { ConsumerLagMonitor } from './consumer-lag.js';
import { kafkaLogLevelFor, pinoLogCreator } from './kafka-log-creator.js';
import { KafkaSubscription } from './kafka-subscription.js';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  deadLetterTopic?: string;
  registry?: Registry;
  /** How often consumer lag is refreshed. */
  lagIntervalMs?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** Pause before a batch whose handler threw is fetched again. */
  redeliveryDelayMs?: number;
  /** How often progress inside a long batch is committed. */
  commitIntervalMs?: number;
  /** Batches of different partitions handled at once by one member. */
  partitionsConsumedConcurrently?: number;
}

export class KafkaTransport implements Transport {
  private readonly subscriptions = new Set<Subscription>();
  private readonly singles: CoalescingSender;

  private constructor(
    private readonly kafka: Kafka,
    private readonly producer: Producer,
    private readonly admin: Admin,
    private readonly options: KafkaTransportOptions,
  ) {
    this.singles = new CoalescingSender(producer);
  }

  static async connect(options: KafkaTransportOptions): Promise<KafkaTransport> {
    const kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: kafkaLogLevelFor(options.logger),
      logCreator: pinoLogCreator(options.logger),
      retry: { initialRetryTime: 200, retries: 10 },
    });
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      // Idempotence holds only while the producer keeps retrying with the same sequence
      // numbers: a send waits out a broker outage instead of failing and being resent.
      retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: Number.MAX_SAFE_INTEGER },
    });
    const admin = kafka.admin();
    await Promise.all([producer.connect(), admin.connect()]);
    return new KafkaTransport(kafka, producer, admin, options);
  }

  async ensureTopics(topics: readonly TopicSpec[]): Promise<void> {
    const existing = new Set(await this.admin.listTopics());
    const missing = topics.filter((spec) => !existing.has(spec.topic));
    if (missing.length === 0) return;
    await this.admin.createTopics({
      topics: missing.map((spec) => ({ topic: spec.topic, numPartitions: spec.partitions })),
      waitForLeaders: true,
    });
    this.options.logger.info({ topics: missing }, 'created missing topics');
  }

  async publish(topic: string, key: string, value: OutgoingValue): Promise<void> {
    await this.singles.send(topic, { key, value: encodeValue(value) });
  }

  async publishBatch(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.producer.send({ topic, messages: messages.map((message) => ({ key: message.key, value: encodeValue(message.value) })) });
  }

  async publishDeadLetter(letter: DeadLetterV1): Promise<void> {
    await this.publish(this.options.deadLetterTopic ?? TOPICS.deadLetter, letter.key ?? letter.source.topic, letter);
  }

  async subscribe(options: SubscribeOptions, handler: BatchHandler): Promise<Subscription> {
    const logger = this.options.logger.child({ groupId: options.groupId });
    const lag = new ConsumerLagMonitor(this.admin, options.groupId, options.topics, this.options.registry ?? defaultRegistry, logger);
    const subscription = new KafkaSubscription(
      this.kafka,
      options,
      handler,
      {
        sessionTimeoutMs: this.options.sessionTimeoutMs ?? 30_000,
        heartbeatIntervalMs: this.options.heartbeatIntervalMs ?? 3_000,
        redeliveryDelayMs: this.options.redeliveryDelayMs ?? 200,
        commitIntervalMs: this.options.commitIntervalMs ?? 1_000,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 4,
      },
      lag,
      logger,
    );
    await subscription.start();
    lag.start(this.options.lagIntervalMs ?? 5_000);
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
    await Promise.all([this.producer.disconnect(), this.admin.disconnect()]);
  }
}
