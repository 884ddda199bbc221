import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CommandConflict } from '../commands/runner/errors.js';
import { domainError } from '../domain/shared/errors.js';
import { formatError } from './errors.js';

const asResolverError = (error: Error) => new GraphQLError(error.message, { path: ['field'], originalError: error });
const format = (error: Error) => formatError({ message: error.message, path: ['field'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, asResolverError(error));

describe('what a client sees of a failure', () => {
  it('maps a domain refusal to its API code, keeping the domain code and the field', () =>
    expect(format(domainError('NOTE_REQUIRED', 'note is required', { field: 'note' })).extensions).toEqual({ code: 'BAD_USER_INPUT', domainCode: 'NOTE_REQUIRED', field: 'note' }));

  it('maps a deadline refusal to CONFLICT', () =>
    expect(format(domainError('REVIEW_DEADLINE_PASSED')).extensions).toMatchObject({ code: 'CONFLICT', domainCode: 'REVIEW_DEADLINE_PASSED' }));

  it('maps a concurrent change that made the command inapplicable to CONFLICT with the refusal', () =>
    expect(format(new CommandConflict('infraction-1', 'NO_LONGER_APPLIES', 2, domainError('INVALID_TRANSITION'))).extensions).toEqual({ code: 'CONFLICT', domainCode: 'INVALID_TRANSITION' }));

  it('names the field of a zod failure', () => {
    const failure = z.object({ amount: z.number() }).safeParse({ amount: 'x' });
    expect(format(failure.error!).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'amount' });
  });

  it('names the variable of a GraphQL coercion failure', () =>
    expect(
      formatError({ message: 'Variable "$filter" got invalid value "x" at "filter.from"; DateTime cannot represent "x"', extensions: { code: 'BAD_USER_INPUT' } }, new Error()).extensions,
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.from' }));

  it('hides an unknown failure entirely: no message, no stack', () => {
    const formatted = format(new Error('connect ECONNREFUSED 10.0.0.5:5432'));
    expect(formatted).toEqual({ message: 'Internal server error', path: ['field'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
