// A producer derives a message's id from what it is about, never from a random source,
// so a retried publish (or a re-run of ingest over the same video) carries the same id
// and the idempotent append downstream records it once.
import { createHash } from 'node:crypto';

export type MessageKind = 'observation' | 'infraction' | 'device-status';

export interface MessageIdParts {
  kind: MessageKind;
  deviceId: string;
  /** The tracker's id for the vehicle; absent for device-level messages. */
  trackId?: string;
  /** ISO-8601 device-clock instant the message is about. */
  deviceTime: string;
  /** Distinguishes two facts about the same track at the same instant (e.g. infraction type). */
  discriminator?: string;
}

/** A UUID (version 8, name-based on SHA-256) derived from the parts. */
export function deriveMessageId(parts: MessageIdParts): string {
  const name = [parts.kind, parts.deviceId, parts.trackId ?? '', parts.deviceTime, parts.discriminator ?? ''].join('\u001f');
  const bytes = createHash('sha256').update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
