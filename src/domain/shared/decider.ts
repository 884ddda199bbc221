// The shape every aggregate follows: decide refuses or answers with events, evolve folds.
export interface Decider<C, E, S> {
  /** Events the command produces, or a thrown DomainError; never I/O, never the clock. */
  decide(command: C, state: S): E[];
  /** Folds one fact into the state; never throws. */
  evolve(state: S, event: E): S;
  initialState: S;
}

export function fold<C, E, S>(decider: Decider<C, E, S>, events: Iterable<E>): S {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
