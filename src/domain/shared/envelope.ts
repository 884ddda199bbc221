// The one place events get their metadata. Event ids are derived from the command id and
// the event's index, so a retried command yields the same ids and the store's
// idempotency on eventId turns the retry into a no-op.
import type { Command, DomainEvent, EventEnvelope } from './message.js';
import { uuidV5 } from './uuid-v5.js';

/** Schema version of each event type's data; a type not listed is at version 1. */
export const SCHEMA_VERSIONS: Readonly<Record<string, number>> = {};

export function eventIdFor(commandId: string, index: number): string {
  return uuidV5(`${commandId}:${index}`);
}

export function toEnvelopes<E extends DomainEvent>(command: Command, events: readonly E[]): (E & EventEnvelope)[] {
  const { commandId, correlationId, causationId, actor, now } = command.metadata;
  return events.map((event, index) => ({
    ...event,
    metadata: {
      eventId: eventIdFor(commandId, index),
      commandId,
      correlationId,
      causationId: causationId ?? commandId,
      actor,
      occurredAt: now,
      schemaVersion: SCHEMA_VERSIONS[event.type] ?? 1,
    },
  }));
}
