// How our events travel through EventStoreDB: JSON events whose metadata carries the
// envelope's metadata plus the hash chain; ids that are not UUIDs get a stable UUID.
import { createHash } from 'node:crypto';
import { jsonEvent, type AllStreamResolvedEvent, type EventData, type JSONType, type ResolvedEvent } from '@eventstore/db-client';
import type { EventEnvelope, EventMetadata } from '../../domain/shared/message.js';
import { GENESIS_HASH } from '../hash-chain.js';
import type { RecordedEvent } from '../port.js';

export interface ChainFields {
  hash: string;
  previousHash: string;
}

interface StoredMetadata extends EventMetadata {
  chain?: ChainFields;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** EventStoreDB wants a UUID; any other id maps to the same UUID every time (for idempotency). */
export function eventUuid(eventId: string): string {
  if (UUID.test(eventId)) return eventId.toLowerCase();
  const hex = createHash('sha256').update(eventId, 'utf8').digest('hex');
  // Shaped as a version-5-like UUID so servers that check the layout accept it.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function toEventData(event: EventEnvelope, chain: ChainFields): EventData {
  const metadata: StoredMetadata = { ...event.metadata, chain };
  return jsonEvent({
    id: eventUuid(event.metadata.eventId),
    type: event.type,
    data: event.data as JSONType,
    metadata,
  });
}

export function isSystemEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): boolean {
  const event = resolved.event;
  return !event || event.type.startsWith('$') || event.streamId.startsWith('$');
}

export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event || !event.isJson) throw new Error('EventStoreDB returned an event that is not one of ours (not JSON)');
  const { chain, ...metadata } = (event.metadata ?? {}) as unknown as StoredMetadata;
  return {
    type: event.type,
    data: event.data,
    metadata: metadata as EventMetadata,
    streamName: event.streamId,
    revision: Number(event.revision),
    position: event.position ?? { commit: resolved.commitPosition ?? 0n, prepare: resolved.commitPosition ?? 0n },
    recordedAt: event.created,
    hash: chain?.hash ?? '',
    previousHash: chain?.previousHash ?? GENESIS_HASH,
  };
}
