// The write path shared by every command handler: load the stream, fold it, decide,
// append with the expected revision; on a concurrent write re-read and decide again
// (bounded). A command already applied (same commandId in the stream) appends nothing and
// returns what it produced the first time.
import type { Decider } from '../../domain/shared/decider.js';
import { toEnvelopes as domainEnvelopes } from '../../domain/shared/envelope.js';
import { isDomainError } from '../../domain/shared/errors.js';
import type { Command, DomainEvent, EventEnvelope } from '../../domain/shared/message.js';
import { StreamNotFound, WrongExpectedRevision, type EventStore, type Position } from '../../event-store/port.js';
import { CommandConflict } from './errors.js';

export type ToEnvelopes = (command: Command, events: readonly DomainEvent[]) => EventEnvelope[];

export interface CommandOutcome<S> {
  streamName: string;
  /** Revision of the stream's last event after the command (-1: the stream is still empty). */
  revision: number;
  /** Where the command's last event sits in the global log; null when it produced none. */
  position: Position | null;
  /** The events this command produced (now or, for a repeat, the first time). */
  events: EventEnvelope[];
  state: S;
  /**
   * True when the runner found the commandId already applied and appended nothing. A repeat
   * the store recognises by its event ids (a race, or a creating command's first attempt)
   * also appends nothing and returns the same events, but reports false.
   */
  duplicate: boolean;
  /** How many times the command was decided (1 unless another writer got in between). */
  attempts: number;
}

export interface RunCommandOptions<C extends Command, E extends DomainEvent, S> {
  store: EventStore;
  decider: Decider<C, E, S>;
  streamName: string;
  command: C;
  toEnvelopes?: ToEnvelopes;
  maxAttempts?: number;
  /**
   * The command usually creates its stream (a detection, a registration): decide on the
   * initial state and append with `no_stream` without reading first; if the stream exists
   * after all, read it and decide as usual. Saves two round trips on the common path.
   */
  expectNewStream?: boolean;
}

interface LoadedStream<S> {
  state: S;
  revision: number;
  previousOutcome: EventEnvelope[];
  lastPosition: Position | null;
}

const EMPTY = -1;

/** Folds the stream after `from` (the whole stream when `from` is null) into `from`'s state. */
async function load<C, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamName: string,
  commandId: string,
  from: LoadedStream<S> | null,
): Promise<LoadedStream<S>> {
  let state = from?.state ?? decider.initialState;
  let revision = from?.revision ?? EMPTY;
  let lastPosition = from?.lastPosition ?? null;
  const previousOutcome: EventEnvelope[] = [...(from?.previousOutcome ?? [])];
  try {
    for await (const recorded of store.readStream(streamName, { fromRevision: revision + 1 })) {
      state = decider.evolve(state, recorded as unknown as E);
      revision = recorded.revision;
      if (recorded.metadata.commandId === commandId) {
        previousOutcome.push({ type: recorded.type, data: recorded.data, metadata: recorded.metadata });
        lastPosition = recorded.position;
      }
    }
  } catch (error) {
    if (!(error instanceof StreamNotFound)) throw error;
  }
  return { state, revision, previousOutcome, lastPosition };
}

function nothingYet<C, E extends DomainEvent, S>(decider: Decider<C, E, S>): LoadedStream<S> {
  return { state: decider.initialState, revision: EMPTY, previousOutcome: [], lastPosition: null };
}

/** A short random pause before deciding again, growing with the attempt, so racing writers spread out. */
const backOff = (attempt: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * attempt));

export async function runCommand<C extends Command, E extends DomainEvent, S>(
  options: RunCommandOptions<C, E, S>,
): Promise<CommandOutcome<S>> {
  const { store, decider, streamName, command } = options;
  const toEnvelopes = options.toEnvelopes ?? domainEnvelopes;
  const maxAttempts = options.maxAttempts ?? 5;
  let loaded: LoadedStream<S> | null = null;
  // Whether a decision on state actually read was overtaken: only then is a refusal a CONFLICT.
  let overtaken = false;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const assumed = attempt === 1 && options.expectNewStream === true;
    if (attempt > 1 && overtaken) await backOff(attempt);
    // After a conflict only the events written since are read and folded on.
    loaded = assumed ? nothingYet(decider) : await load(store, decider, streamName, command.metadata.commandId, loaded);
    const unchanged = { streamName, revision: loaded.revision, state: loaded.state, attempts: attempt };
    if (loaded.previousOutcome.length > 0) {
      return { ...unchanged, position: loaded.lastPosition, events: loaded.previousOutcome, duplicate: true };
    }
    let events: E[];
    try {
      events = decider.decide(command, loaded.state);
    } catch (error) {
      // It was allowed on the state we read first; refused now, because of the other writer.
      if (overtaken && isDomainError(error)) throw new CommandConflict(streamName, 'NO_LONGER_APPLIES', attempt, error);
      throw error;
    }
    if (events.length === 0) return { ...unchanged, position: null, events: [], duplicate: false };
    const envelopes = toEnvelopes(command, events);
    try {
      const appended = await store.append(streamName, envelopes, loaded.revision === EMPTY ? 'no_stream' : loaded.revision);
      const state = events.reduce(decider.evolve, loaded.state);
      return { ...unchanged, revision: appended.nextRevision, position: appended.position, events: envelopes, state, duplicate: false };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
      // Someone wrote to the stream since we read it (or before, when we assumed it new): decide again.
      overtaken ||= !assumed;
    }
  }
  throw new CommandConflict(streamName, 'KEPT_CHANGING', maxAttempts);
}
