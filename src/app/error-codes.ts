// The one mapping from domain error codes to API error codes and HTTP statuses. The
// Record type makes a new domain code fail to compile until it is mapped here.
import { DomainError, type DomainErrorCode } from '../domain/shared/errors.js';

export const API_ERROR_CODES = ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const HTTP_STATUS: Readonly<Record<ApiErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

// CONFLICT: the request is well formed but the aggregate's current state refuses it (a
// status, a deadline, a missing confirmation); retrying after the state changes may work.
// BAD_USER_INPUT: the request itself is wrong and will never succeed as sent.
export const API_CODE_OF: Readonly<Record<DomainErrorCode, ApiErrorCode>> = {
  INVALID_TRANSITION: 'CONFLICT',
  FORBIDDEN_ROLE: 'FORBIDDEN',
  DEVICE_MISMATCH: 'FORBIDDEN',
  INFRACTION_NOT_FOUND: 'NOT_FOUND',
  DEVICE_NOT_FOUND: 'NOT_FOUND',
  ZONE_NOT_FOUND: 'NOT_FOUND',
  DEVICE_ALREADY_REGISTERED: 'CONFLICT',
  ZONE_ALREADY_REGISTERED: 'CONFLICT',
  NOT_A_SPEED_VIOLATION: 'BAD_USER_INPUT',
  SPEED_MEASUREMENT_REQUIRED: 'BAD_USER_INPUT',
  PLATE_INVALID: 'BAD_USER_INPUT',
  PLATE_UNCHANGED: 'BAD_USER_INPUT',
  PLATE_MISMATCH: 'CONFLICT',
  PLATE_CONFIRMATION_REQUIRED: 'CONFLICT',
  EVIDENCE_REQUIRED: 'CONFLICT',
  REVIEW_DEADLINE_PASSED: 'CONFLICT',
  REVIEW_DEADLINE_NOT_REACHED: 'CONFLICT',
  NOTE_REQUIRED: 'BAD_USER_INPUT',
  REASON_REQUIRED: 'BAD_USER_INPUT',
  SAME_PERSON_CANNOT_RESOLVE_APPEAL: 'FORBIDDEN',
  APPEAL_ALREADY_DECIDED: 'CONFLICT',
  APPEAL_NOT_FOUND: 'NOT_FOUND',
  ALREADY_PAID: 'CONFLICT',
  WRONG_AMOUNT: 'BAD_USER_INPUT',
  FINE_SCHEDULE_INVALID: 'BAD_USER_INPUT',
  FINE_SCHEDULE_VERSION_OUT_OF_ORDER: 'CONFLICT',
  FINE_SCHEDULE_NOT_IN_FORCE: 'CONFLICT',
  INVALID_STREAM_URL: 'BAD_USER_INPUT',
  CREDENTIALS_REF_REQUIRED: 'BAD_USER_INPUT',
  CALIBRATION_POINTS_REQUIRED: 'BAD_USER_INPUT',
  CALIBRATION_DEGENERATE: 'BAD_USER_INPUT',
  CALIBRATION_ERROR_TOO_HIGH: 'BAD_USER_INPUT',
  INVALID_SPEED_LIMIT: 'BAD_USER_INPUT',
  UNKNOWN_JURISDICTION: 'BAD_USER_INPUT',
  INVALID_POLYGON: 'BAD_USER_INPUT',
  INVALID_STOP_LINE: 'BAD_USER_INPUT',
  INVALID_SIGNAL_SOURCE: 'BAD_USER_INPUT',
};

export interface ApiError {
  code: ApiErrorCode;
  httpStatus: number;
  /** The domain's own code, kept for clients that want the precise reason. */
  reason: string;
  message: string;
  details: Record<string, unknown>;
}

/** The API form of a domain refusal, or null for anything else (a bug or an outage, not a refusal). */
export function apiErrorFor(error: unknown): ApiError | null {
  if (!(error instanceof DomainError)) return null;
  const code = (API_CODE_OF as Record<string, ApiErrorCode | undefined>)[error.code] ?? 'BAD_USER_INPUT';
  return { code, httpStatus: HTTP_STATUS[code], reason: error.code, message: error.message, details: error.details };
}
