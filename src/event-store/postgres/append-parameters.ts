// Turns an append request into the append function's parameters and its failures into
// the port's errors. Canonical JSON is produced here, once, for storage and hashing; when
// the stream's head is known the hash chain is computed here too (see stream-heads.ts).
import type { EventEnvelope } from '../../domain/shared/message.js';
import { canonicalJson } from '../canonical-json.js';
import { chainHashes, type CanonicalFragments } from '../hash-chain.js';
import { DuplicateEventId, WrongExpectedRevision, type ExpectedRevision } from '../port.js';
import { DOCUMENT_SEPARATOR, DUPLICATE_EVENT_ID, WRONG_EXPECTED_REVISION } from './append-function.js';
import { NOTIFY_CHANNEL } from './schema.js';
import type { StreamHead } from './stream-heads.js';

export const APPEND_QUERY =
  'SELECT next_revision, commit_id, prepare, last_hash FROM event_store.append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)';

/** NULL: the call is a whole append; otherwise which chunk of one (see chunked-append.ts). */
export type ChunkRole = 'first' | 'next' | null;

/** One call's parameters, and the hash its last event will have when the process hashed. */
export interface EncodedCall {
  values: unknown[];
  lastHash: string | undefined;
}

export function appendParameters(
  stream: string,
  events: readonly EventEnvelope[],
  expected: ExpectedRevision,
  notifyInTransaction: boolean,
  assumedHead?: StreamHead,
): unknown[] {
  checkAppendRequest(stream, events, expected);
  return encodeCall(stream, events, expected, notifyInTransaction, assumedHead, null).values;
}

/** What would fail before any event is stored: checked for the whole batch up front. */
export function checkAppendRequest(stream: string, events: readonly EventEnvelope[], expected: ExpectedRevision): void {
  if (stream.length === 0) throw new TypeError('append: stream name must not be empty');
  if (events.length === 0) throw new TypeError(`append to ${stream}: needs at least one event`);
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new TypeError(`append to ${stream}: expected revision must be a non-negative integer, got ${expected}`);
  }
  for (const event of events) {
    if (!event.metadata?.eventId) throw new TypeError(`append to ${stream}: metadata.eventId is required`);
    if (!event.type) throw new TypeError(`append to ${stream}: event type is required`);
  }
}

/** Encodes events already checked by checkAppendRequest into one call of the append function. */
export function encodeCall(
  stream: string,
  events: readonly EventEnvelope[],
  expected: ExpectedRevision,
  notifyInTransaction: boolean,
  assumedHead: StreamHead | undefined,
  chunk: ChunkRole,
): EncodedCall {
  const eventIds: string[] = [];
  const fragments: CanonicalFragments[] = [];
  for (const event of events) {
    eventIds.push(event.metadata.eventId);
    fragments.push({ typeJson: canonicalJson(event.type), dataJson: canonicalJson(event.data), metadataJson: canonicalJson(event.metadata) });
  }
  const streamJson = canonicalJson(stream);
  const kind = typeof expected === 'number' ? 'exact' : expected;
  const revision = typeof expected === 'number' ? expected : null;
  const channel = notifyInTransaction ? NOTIFY_CHANNEL : null;
  const hashes = assumedHead ? chainHashes(streamJson, assumedHead.revision + 1, assumedHead.hash, fragments) : null;
  const values = [
    stream,
    streamJson,
    kind,
    revision,
    canonicalJson(eventIds),
    `[${fragments.map((fragment) => fragment.typeJson).join(',')}]`,
    fragments.map((fragment) => fragment.dataJson).join(DOCUMENT_SEPARATOR),
    fragments.map((fragment) => fragment.metadataJson).join(DOCUMENT_SEPARATOR),
    channel,
    assumedHead?.revision ?? null,
    assumedHead?.hash ?? null,
    hashes?.join(',') ?? null,
    chunk,
  ];
  return { values, lastHash: hashes?.at(-1) };
}

interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
}

export function appendError(error: unknown, stream: string, events: readonly EventEnvelope[], expected: ExpectedRevision): unknown {
  const pgError = error as PgError;
  if (pgError.code === WRONG_EXPECTED_REVISION) {
    return new WrongExpectedRevision(stream, expected, Number(pgError.detail));
  }
  const duplicateId = pgError.code === DUPLICATE_EVENT_ID || (pgError.code === '23505' && pgError.constraint === 'events_event_id_key');
  if (duplicateId) return new DuplicateEventId(stream, events.map((event) => event.metadata.eventId));
  return error;
}
