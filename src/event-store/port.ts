// The event store port: the system of record. Two adapters implement it (PostgreSQL and
// EventStoreDB) and one contract suite holds them to the same behaviour.
import type { EventEnvelope } from '../domain/shared/message.js';

/**
 * A place in the global log. Shaped like EventStoreDB's position so both adapters map to
 * it without loss: on PostgreSQL `commit` is the writing transaction's id (xid8) and
 * `prepare` the row's sequence number; reading in (commit, prepare) order never skips a
 * late-committing transaction.
 */
export interface Position {
  commit: bigint;
  prepare: bigint;
}

export const START: Position = Object.freeze({ commit: 0n, prepare: 0n });

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export function formatPosition(position: Position): string {
  return `${position.commit}/${position.prepare}`;
}

export function parsePosition(text: string): Position {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) throw new Error(`Not a position: "${text}" (expected "<commit>/<prepare>")`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}

export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

export interface AppendResult {
  /** Revision of the last event of the stream after the append (0-based). */
  nextRevision: number;
  /** Position of the last event written (or of the existing event on an idempotent retry). */
  position: Position;
}

export interface RecordedEvent<T extends string = string, D = unknown> extends EventEnvelope<T, D> {
  streamName: string;
  revision: number;
  position: Position;
  recordedAt: Date;
  /** SHA-256 (hex) over the canonical encoding of this event chained to `previousHash`. */
  hash: string;
  previousHash: string;
}

export interface ReadStreamOptions {
  fromRevision?: number | 'start' | 'end';
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Default: from the start. */
  fromPosition?: Position;
  maxCount?: number;
}

export interface SubscriptionFilter {
  eventTypes?: readonly string[];
  streamPrefixes?: readonly string[];
}

export interface SubscribeOptions {
  /** Exclusive checkpoint; `'end'` starts live from the current head. Default: from the start. */
  fromPosition?: Position | 'end';
  filter?: SubscriptionFilter;
}

export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export type VerifyResult =
  | { ok: true; stream: string; events: number; lastHash: string | null }
  | {
      ok: false;
      stream: string;
      events: number;
      /** First revision whose stored content or chain does not match. */
      firstBadRevision: number;
      reason: 'HASH_MISMATCH' | 'CHAIN_BROKEN' | 'REVISION_GAP';
    };

export class WrongExpectedRevision extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** Actual last revision, or -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`Wrong expected revision on ${stream}: expected ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedRevision';
  }
}

/**
 * An event id that is already stored somewhere else than the same place of the same stream:
 * ids identify one event across the whole store, so this is a bug upstream, never a retry.
 */
export class DuplicateEventId extends Error {
  constructor(
    readonly stream: string,
    readonly eventIds: readonly string[],
  ) {
    super(`Event id already stored elsewhere, appending to ${stream}: ${eventIds.join(', ')}`);
    this.name = 'DuplicateEventId';
  }
}

export class StreamNotFound extends Error {
  constructor(readonly stream: string) {
    super(`Stream not found: ${stream}`);
    this.name = 'StreamNotFound';
  }
}

export interface EventStore {
  /**
   * Appends at least one event atomically. Replaying the same events (same ids, same
   * expectation) writes nothing and returns the first append's result. With `any` or
   * `stream_exists` a replay is recognised wherever its ids sit in the stream (PostgreSQL)
   * or at the stream's tail (EventStoreDB, best effort as its own). Fails with
   * WrongExpectedRevision or DuplicateEventId; needs at least one event.
   */
  append(stream: string, events: readonly EventEnvelope[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Iterating a stream that has no event throws StreamNotFound (as EventStoreDB does). */
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  /** Streams the whole log in (commit, prepare) order; only events no earlier write can still precede. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Position of the last event readAll can see (a stable head), or START when empty. */
  headPosition(): Promise<Position>;
  verify(stream: string): Promise<VerifyResult>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');
