// The in-memory log behind the in-process transport: topics of append-only partitions,
// a record's partition chosen by its key's hash so one key's records stay in order.
import type { TransportRecord } from '../port.js';

export class TopicLog {
  private readonly topics = new Map<string, TransportRecord[][]>();
  private readonly appendListeners = new Set<() => void>();

  constructor(private readonly defaultPartitions: number) {}

  ensure(topic: string, partitions = this.defaultPartitions): void {
    if (!this.topics.has(topic)) {
      this.topics.set(topic, Array.from({ length: partitions }, () => []));
    }
  }

  partitionCount(topic: string): number {
    return this.partitions(topic).length;
  }

  append(topic: string, key: string | null, value: Buffer, timestamp: string): TransportRecord {
    const partitions = this.partitions(topic);
    const partition = key === null ? 0 : partitionForKey(key, partitions.length);
    const records = partitions[partition] as TransportRecord[];
    const record: TransportRecord = { topic, partition, offset: String(records.length), key, value, timestamp };
    records.push(record);
    for (const listener of this.appendListeners) listener();
    return record;
  }

  /** Up to `max` records of one partition from `fromOffset` on. */
  read(topic: string, partition: number, fromOffset: number, max: number): TransportRecord[] {
    return (this.partitions(topic)[partition] ?? []).slice(fromOffset, fromOffset + max);
  }

  endOffset(topic: string, partition: number): number {
    return (this.partitions(topic)[partition] ?? []).length;
  }

  onAppend(listener: () => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  private partitions(topic: string): TransportRecord[][] {
    this.ensure(topic);
    return this.topics.get(topic) as TransportRecord[][];
  }
}

/** FNV-1a over the key's UTF-8 bytes: stable across runs, cheap, evenly spread. */
export function partitionForKey(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}
