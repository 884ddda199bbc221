// Decider specifications: given(past events).when(command).then(new events) or
// .thenThrows(code). Free of any test library so it stays inside the pure domain.
import type { Decider } from '../shared/decider.js';
import { fold } from '../shared/decider.js';
import { isDomainError, type DomainErrorCode } from '../shared/errors.js';

export interface Then<E> {
  then(expected: E[]): void;
  thenThrows(code: DomainErrorCode): void;
  /** The events decided, for assertions on a part of them. */
  events(): E[];
}

function canonical(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
        : v,
    2,
  );
}

export function specFor<C, E, S>(decider: Decider<C, E, S>) {
  return function given(past: E[] = []) {
    return {
      when(command: C): Then<E> {
        const run = () => decider.decide(command, fold(decider, past));
        return {
          then(expected) {
            const actual = canonical(run());
            if (actual !== canonical(expected)) throw new Error(`Events differ.\nexpected: ${canonical(expected)}\nactual:   ${actual}`);
          },
          thenThrows(code) {
            let produced: E[];
            try {
              produced = run();
            } catch (error) {
              if (isDomainError(error) && error.code === code) return;
              throw new Error(`Expected ${code}, got ${isDomainError(error) ? error.code : String(error)}`, { cause: error });
            }
            throw new Error(`Expected ${code}, but the command produced ${canonical(produced)}`);
          },
          events: run,
        };
      },
    };
  };
}
