// Test plumbing shared by the transport and writer contract suites.
import { randomUUID } from 'node:crypto';
import type { BatchControl, BatchHandler, RecordBatch, Transport, TransportRecord } from './port.js';

export interface TransportUnderTest {
  /** A fresh transport whose dead letters go to `deadLetterTopic`. */
  create(options: { deadLetterTopic: string }): Promise<Transport>;
  /** Partitions of the topics the suite creates. */
  partitions: number;
  /** How long to wait for what should happen (a Kafka group join alone takes seconds). */
  patienceMs: number;
}

export function freshName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Polls until `check` stops throwing, then returns its result; fails with its last error. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs: number, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

export interface Delivered {
  record: TransportRecord;
  body: { key: string; seq: number } & Record<string, unknown>;
}

/** A handler that applies every record (marking it) and remembers what it was given. */
export function recordingHandler(
  delivered: Delivered[],
  before?: (record: TransportRecord, control: BatchControl, batch: RecordBatch) => Promise<void> | void,
): BatchHandler {
  return async (batch, control) => {
    for (const record of batch.records) {
      await before?.(record, control, batch);
      delivered.push({ record, body: JSON.parse(record.value.toString('utf8')) });
      control.markApplied(record.offset);
    }
  };
}

export function sequence(key: string, count: number): { key: string; value: { key: string; seq: number } }[] {
  return Array.from({ length: count }, (_, seq) => ({ key, value: { key, seq } }));
}
