// How a stored row becomes a RecordedEvent. The columns are listed once so every read
// selects the same shape.
import type { EventMetadata } from '../../domain/shared/message.js';
import type { RecordedEvent } from '../port.js';

// recorded_at travels as epoch milliseconds: parsing timestamp text costs more than the rest of a row.
export const EVENT_COLUMNS = `global_position, transaction_id, stream_name, revision, type,
  data, metadata, (extract(epoch FROM recorded_at) * 1000)::float8 AS recorded_at_ms, hash, previous_hash`;

export interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_name: string;
  revision: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  recorded_at_ms: number;
  hash: string;
  previous_hash: string;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamName: row.stream_name,
    revision: Number(row.revision),
    position: { commit: BigInt(row.transaction_id), prepare: BigInt(row.global_position) },
    recordedAt: new Date(row.recorded_at_ms),
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}
