// The write path shared by every command handler: load the stream, fold it, decide,
// append with the expected revision; on a concurrent write re-read and decide again
// (bounded). A command already applied (same commandId in the stream) appends nothing and
// returns what it produced the first time.
import type { Command, DomainEvent, EventEnvelope } from '../../domain/shared/message.js';
import { WrongExpectedRevision, type EventStore, type Position } from '../../event-store/port.js';
import type { Decider } from './decider.js';
import { ConcurrencyConflict } from './errors.js';

export type ToEnvelopes = (command: Command, events: readonly DomainEvent[]) => EventEnvelope[];

export interface CommandOutcome<S> {
  streamName: string;
  /** Revision of the stream's last event after the command (-1: the stream is still empty). */
  revision: number;
  position: Position | null;
  /** The events this command produced (now or, for a repeat, the first time). */
  events: EventEnvelope[];
  state: S;
  /** True when the commandId had already been applied and nothing was appended. */
  duplicate: boolean;
}

export interface RunCommandOptions<C extends Command, E extends DomainEvent, S> {
  store: EventStore;
  decider: Decider<C, E, S>;
  streamName: string;
  command: C;
  toEnvelopes: ToEnvelopes;
  maxAttempts?: number;
}

interface LoadedStream<S> {
  state: S;
  revision: number;
  previousOutcome: EventEnvelope[];
  lastPosition: Position | null;
}

async function load<C, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamName: string,
  commandId: string,
): Promise<LoadedStream<S>> {
  let state = decider.initialState;
  let revision = -1;
  let lastPosition: Position | null = null;
  const previousOutcome: EventEnvelope[] = [];
  for await (const recorded of store.readStream(streamName)) {
    state = decider.evolve(state, recorded as unknown as E);
    revision = recorded.revision;
    if (recorded.metadata.commandId === commandId) {
      previousOutcome.push({ type: recorded.type, data: recorded.data, metadata: recorded.metadata });
      lastPosition = recorded.position;
    }
  }
  return { state, revision, previousOutcome, lastPosition };
}

export async function runCommand<C extends Command, E extends DomainEvent, S>(
  options: RunCommandOptions<C, E, S>,
): Promise<CommandOutcome<S>> {
  const { store, decider, streamName, command, toEnvelopes } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const loaded = await load(store, decider, streamName, command.metadata.commandId);
    if (loaded.previousOutcome.length > 0) {
      return {
        streamName,
        revision: loaded.revision,
        position: loaded.lastPosition,
        events: loaded.previousOutcome,
        state: loaded.state,
        duplicate: true,
      };
    }
    const events = decider.decide(command, loaded.state);
    if (events.length === 0) {
      return { streamName, revision: loaded.revision, position: null, events: [], state: loaded.state, duplicate: false };
    }
    const envelopes = toEnvelopes(command, events);
    try {
      const appended = await store.append(streamName, envelopes, loaded.revision < 0 ? 'no_stream' : loaded.revision);
      const state = events.reduce(decider.evolve, loaded.state);
      return { streamName, revision: appended.nextRevision, position: appended.position, events: envelopes, state, duplicate: false };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
      // Someone wrote to the stream since we read it: decide again on the new state.
    }
  }
  throw new ConcurrencyConflict(streamName, maxAttempts);
}
