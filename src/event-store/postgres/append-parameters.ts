// Turns an append request into the append function's parameters and its failures into
// the port's errors. Canonical JSON is produced here, once, for both storage and hashing.
import type { EventEnvelope } from '../../domain/shared/message.js';
import { canonicalJson } from '../canonical-json.js';
import { DuplicateEventId, WrongExpectedRevision, type ExpectedRevision } from '../port.js';
import { DUPLICATE_EVENT_ID, WRONG_EXPECTED_REVISION } from './append-function.js';
import { NOTIFY_CHANNEL } from './schema.js';

export const APPEND_QUERY = 'SELECT next_revision, commit_id, prepare FROM event_store.append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)';

export function appendParameters(
  stream: string,
  events: readonly EventEnvelope[],
  expected: ExpectedRevision,
  notifyInTransaction: boolean,
): unknown[] {
  if (stream.length === 0) throw new TypeError('append: stream name must not be empty');
  if (events.length === 0) throw new TypeError(`append to ${stream}: needs at least one event`);
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new TypeError(`append to ${stream}: expected revision must be a non-negative integer, got ${expected}`);
  }
  const eventIds: string[] = [];
  const types: string[] = [];
  const typeJson: string[] = [];
  const data: string[] = [];
  const metadata: string[] = [];
  for (const event of events) {
    if (!event.metadata?.eventId) throw new TypeError(`append to ${stream}: metadata.eventId is required`);
    if (!event.type) throw new TypeError(`append to ${stream}: event type is required`);
    eventIds.push(event.metadata.eventId);
    types.push(event.type);
    typeJson.push(canonicalJson(event.type));
    data.push(canonicalJson(event.data));
    metadata.push(canonicalJson(event.metadata));
  }
  const kind = typeof expected === 'number' ? 'exact' : expected;
  const revision = typeof expected === 'number' ? expected : null;
  const channel = notifyInTransaction ? NOTIFY_CHANNEL : null;
  return [stream, canonicalJson(stream), kind, revision, eventIds, types, typeJson, data, metadata, channel];
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
