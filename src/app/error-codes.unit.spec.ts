import { describe, expect, it } from 'vitest';
import { domainError } from '../domain/shared/errors.js';
import { apiErrorFor } from './error-codes.js';

describe('domain error codes in the API', () => {
  it.each([
    ['FORBIDDEN_ROLE', 'FORBIDDEN', 403],
    ['SAME_PERSON_CANNOT_RESOLVE_APPEAL', 'FORBIDDEN', 403],
    ['INFRACTION_NOT_FOUND', 'NOT_FOUND', 404],
    ['INVALID_TRANSITION', 'CONFLICT', 409],
    ['ALREADY_PAID', 'CONFLICT', 409],
    ['REVIEW_DEADLINE_PASSED', 'CONFLICT', 409],
    ['NOTE_REQUIRED', 'BAD_USER_INPUT', 400],
    ['CALIBRATION_ERROR_TOO_HIGH', 'BAD_USER_INPUT', 400],
  ] as const)('%s answers %s (%d), keeping the domain code as the reason', (domainCode, code, httpStatus) => {
    expect(apiErrorFor(domainError(domainCode, 'why', { field: 'x' }))).toEqual({
      code,
      httpStatus,
      reason: domainCode,
      message: 'why',
      details: { field: 'x' },
    });
  });

  it('is not for errors that are not refusals', () => {
    expect(apiErrorFor(new Error('connection reset'))).toBeNull();
  });
});
