// Folds an infraction's recorded events with the domain's own evolve, so the API's as-of
// answers and mutation results are exactly what the decider would see.
import type { InfractionEvent } from '../../domain/infraction/events.js';
import { evolve, initialState, type InfractionState } from '../../domain/infraction/state.js';
import type { RecordedEvent } from '../../event-store/port.js';
import { infractionFromState, type FoldExtras, type InfractionView } from './infraction-view.js';

export function foldInfraction(events: readonly RecordedEvent[]): InfractionView | null {
  let state: InfractionState = initialState;
  const extras: FoldExtras = { rejectionReason: null, paidAt: null };
  let revision = -1;
  for (const recorded of events) {
    const event = recorded as unknown as InfractionEvent;
    state = evolve(state, event);
    revision = recorded.revision;
    if (event.type === 'InfractionRejected') extras.rejectionReason = event.data.reason;
    if (event.type === 'PaymentRecorded') extras.paidAt = event.data.paidAt;
  }
  return state === null ? null : infractionFromState(state, revision, extras);
}
