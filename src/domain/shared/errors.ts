// Rules fail with a typed domain error carrying a stable code; the API maps codes to
// its own error classes in one place (src/app/error-codes.ts).
export class DomainError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message?: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message ?? code);
    this.name = 'DomainError';
  }
}

export function domainError<C extends string>(
  code: C,
  message?: string,
  details?: Record<string, unknown>,
): DomainError<C> {
  return new DomainError(code, message, details);
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
