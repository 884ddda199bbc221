// Rules fail with a typed domain error carrying a stable code; the API maps codes to
// its own error classes in one place (src/app/error-codes.ts).

/** Every reason a decider can refuse a command. Adding one forces a mapping in src/app/error-codes.ts. */
export const DOMAIN_ERROR_CODES = [
  // workflow and authorisation
  'INVALID_TRANSITION',
  'FORBIDDEN_ROLE',
  'DEVICE_MISMATCH',
  'INFRACTION_NOT_FOUND',
  'DEVICE_NOT_FOUND',
  'ZONE_NOT_FOUND',
  'DEVICE_ALREADY_REGISTERED',
  'ZONE_ALREADY_REGISTERED',
  // infraction rules
  'NOT_A_SPEED_VIOLATION',
  'SPEED_MEASUREMENT_REQUIRED',
  'PLATE_INVALID',
  'PLATE_UNCHANGED',
  'PLATE_MISMATCH',
  'PLATE_CONFIRMATION_REQUIRED',
  'EVIDENCE_REQUIRED',
  'REVIEW_DEADLINE_PASSED',
  'REVIEW_DEADLINE_NOT_REACHED',
  'NOTE_REQUIRED',
  'REASON_REQUIRED',
  'SAME_PERSON_CANNOT_RESOLVE_APPEAL',
  'APPEAL_ALREADY_DECIDED',
  'APPEAL_NOT_FOUND',
  'ALREADY_PAID',
  'WRONG_AMOUNT',
  // fine schedule
  'FINE_SCHEDULE_INVALID',
  'FINE_SCHEDULE_VERSION_OUT_OF_ORDER',
  'FINE_SCHEDULE_NOT_IN_FORCE',
  // devices and zones
  'INVALID_STREAM_URL',
  'CREDENTIALS_REF_REQUIRED',
  'CALIBRATION_POINTS_REQUIRED',
  'CALIBRATION_DEGENERATE',
  'CALIBRATION_ERROR_TOO_HIGH',
  'INVALID_SPEED_LIMIT',
  'UNKNOWN_JURISDICTION',
  'INVALID_POLYGON',
  'INVALID_STOP_LINE',
  'INVALID_SIGNAL_SOURCE',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError<C extends string = DomainErrorCode> extends Error {
  constructor(
    readonly code: C,
    message?: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message ?? code);
    this.name = 'DomainError';
  }
}

export function domainError(
  code: DomainErrorCode,
  message?: string,
  details?: Record<string, unknown>,
): DomainError<DomainErrorCode> {
  return new DomainError(code, message, details);
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
