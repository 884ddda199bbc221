// Commands whose events are new by construction need no read before writing: an observation
// (one vehicle passage, its command id derived from the passage by the writer) is appended
// with expectation `any`, and a repeat finds its event ids already in the stream and writes
// nothing. This keeps a device's day stream — tens of thousands of passages — from being
// read and folded for every new passage. The price: the decider sees the initial state, so a
// rule that needs the stream (the observationId check) is left to the event ids, and a
// repeat is not told apart from the first append (`duplicate` stays false).
import type { Decider } from '../../domain/shared/decider.js';
import { toEnvelopes } from '../../domain/shared/envelope.js';
import type { Command, DomainEvent } from '../../domain/shared/message.js';
import type { EventStore } from '../../event-store/port.js';
import type { CommandOutcome } from './run-command.js';

export async function appendBlind<C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamName: string,
  command: C,
): Promise<CommandOutcome<S>> {
  const events = decider.decide(command, decider.initialState);
  const state = events.reduce(decider.evolve, decider.initialState);
  const outcome = { streamName, state, duplicate: false, attempts: 1 };
  if (events.length === 0) return { ...outcome, revision: -1, position: null, events: [] };
  const envelopes = toEnvelopes(command, events);
  const appended = await store.append(streamName, envelopes, 'any');
  return { ...outcome, revision: appended.nextRevision, position: appended.position, events: envelopes };
}
