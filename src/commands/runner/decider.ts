// The shape of a pure decider as the command runner sees it; the domain's deciders
// satisfy it structurally, so the domain never imports anything from here.
import type { DomainEvent } from '../../domain/shared/message.js';

export interface Decider<C, E extends DomainEvent, S> {
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  initialState: S;
}
