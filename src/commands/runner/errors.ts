// Failures of the command side that are not a rule of the domain: another writer changed
// the stream under us. Both answer CONFLICT at the API; the reason says which.
import type { DomainError } from '../../domain/shared/errors.js';

export type ConflictReason =
  /** The stream changed and, decided again on the new state, the command is refused. */
  | 'NO_LONGER_APPLIES'
  /** The stream kept changing for every one of the bounded attempts. */
  | 'KEPT_CHANGING';

export class CommandConflict extends Error {
  readonly code = 'CONFLICT';
  constructor(
    readonly stream: string,
    readonly reason: ConflictReason,
    readonly attempts: number,
    /** The refusal on the new state, when reason is NO_LONGER_APPLIES. */
    readonly refusal: DomainError | null = null,
  ) {
    super(
      reason === 'NO_LONGER_APPLIES'
        ? `Stream ${stream} changed concurrently and the command no longer applies: ${refusal?.code ?? 'refused'}`
        : `Stream ${stream} kept changing; gave up after ${attempts} attempts`,
    );
    this.name = 'CommandConflict';
  }
}

export function isCommandConflict(error: unknown): error is CommandConflict {
  return error instanceof CommandConflict;
}
