// The transport between inference workers and the event writer: keyed topics split into
// partitions, consumed in batches per partition by consumer groups, at least once.
// Kafka in production, an in-memory log in the embedded mode; both honour this contract
// (src/transport/contract.ts).
import type { DeadLetterV1 } from './messages/dead-letter.js';

/** What a producer hands over: an object is sent as JSON, a Buffer as it is. */
export type OutgoingValue = Buffer | Record<string, unknown> | object;

export interface OutgoingMessage {
  /** Partitioning key: the device id, so one device's messages stay in order. */
  key: string;
  value: OutgoingValue;
}

export interface TransportRecord {
  topic: string;
  partition: number;
  /** Decimal offset within the partition (a string: Kafka offsets are 64-bit). */
  offset: string;
  key: string | null;
  value: Buffer;
  /** ISO-8601 time the transport accepted the record. */
  timestamp: string;
}

/** Records of one partition, in offset order. */
export interface RecordBatch {
  topic: string;
  partition: number;
  records: TransportRecord[];
}

export interface BatchControl {
  /**
   * Marks every record up to and including `offset` as applied: if the handler later
   * throws or the consumer stops, delivery resumes after it instead of from the batch start.
   */
  markApplied(offset: string): void;
  /** Keeps the group membership alive during a long batch (adapters also do it on a timer). */
  heartbeat(): Promise<void>;
  /** True once the consumer is stopping or lost the partition: finish fast or abandon. */
  isStopping(): boolean;
}

/**
 * Handles one partition's batch. Returning means every record was applied: the transport
 * then commits past the last one. Throwing means "not applied": nothing past the last
 * `markApplied` offset is committed and the rest is delivered again.
 */
export type BatchHandler = (batch: RecordBatch, control: BatchControl) => Promise<void>;

export interface SubscribeOptions {
  groupId: string;
  topics: readonly string[];
  /** Where a group with no committed offset starts. Default: the earliest record. */
  fromBeginning?: boolean;
}

export interface Subscription {
  /** Stops taking batches; waits for the current batch to finish or be abandoned. */
  stop(): Promise<void>;
}

export interface TopicSpec {
  topic: string;
  partitions: number;
}

export interface TransportProducer {
  publish(topic: string, key: string, value: OutgoingValue): Promise<void>;
  /** Publishes in order; per-key order holds within and across batches. */
  publishBatch(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
}

export interface Transport extends TransportProducer {
  /** Creates the topics that are missing, with the given partition counts; leaves others alone. */
  ensureTopics(topics: readonly TopicSpec[]): Promise<void>;
  subscribe(options: SubscribeOptions, handler: BatchHandler): Promise<Subscription>;
  /** Publishes to traffic.dead-letter.v1, keyed by the original record's key. */
  publishDeadLetter(letter: DeadLetterV1): Promise<void>;
  /** Stops every subscription and releases connections. */
  close(): Promise<void>;
}

export function encodeValue(value: OutgoingValue): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value), 'utf8');
}
