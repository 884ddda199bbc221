// Events and commands are plain data with a stable string type; the metadata says who,
// when, why and in answer to what, so an auditor can replay the whole chain of causes.
import type { Actor } from './actor.js';

export interface EventMetadata {
  eventId: string;
  commandId: string;
  correlationId: string;
  causationId: string;
  actor: Actor;
  /** ISO-8601 instant the fact happened (from the command, never the clock of the decider). */
  occurredAt: string;
  schemaVersion: number;
}

export interface DomainEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
}

/** What the command side hands to the store: an event and its metadata. */
export interface EventEnvelope<T extends string = string, D = unknown> extends DomainEvent<T, D> {
  metadata: EventMetadata;
}

export interface CommandMetadata {
  commandId: string;
  correlationId: string;
  causationId?: string;
  actor: Actor;
  /** ISO-8601 instant at which the command is decided; time comes in, it is never read. */
  now: string;
}

export interface Command<T extends string = string, D = unknown> {
  type: T;
  data: D;
  metadata: CommandMetadata;
}
