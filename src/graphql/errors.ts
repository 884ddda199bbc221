// How every failure reaches a client: one GraphQL code (BAD_USER_INPUT with the field,
// UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, RATE_LIMITED) and, for a refusal by a
// domain rule, the domain's own code. Anything unrecognised is INTERNAL_SERVER_ERROR with
// no detail (the plugin in error-logging.ts logs it with the correlation id).
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ZodError } from 'zod';
import { apiErrorFor, HTTP_STATUS } from '../app/error-codes.js';
import { isCommandConflict } from '../commands/runner/errors.js';
import { InvalidCursor } from '../projections/infractions/queries.js';
import { TokenRefused } from './auth/token-verifier.js';

export const CLIENT_CODES = ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED'] as const;
export type ClientCode = (typeof CLIENT_CODES)[number];

// Apollo's own request errors are safe to show as they are (they describe the request).
const APOLLO_REQUEST_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

export function apiError(code: ClientCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  const status = code === 'RATE_LIMITED' ? 429 : HTTP_STATUS[code];
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status } } });
}

export function badInput(field: string, message: string): GraphQLError {
  return apiError('BAD_USER_INPUT', `${field}: ${message}`, { field });
}

// By shape, not instanceof: Apollo (loaded by Node) and this code (loaded by a bundler or a
// test runner) may hold two copies of graphql's classes.
function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && 'extensions' in error && 'locations' in error;
}

function hasShowableCode(error: GraphQLError): boolean {
  const code = error.extensions?.code;
  return typeof code === 'string' && ((CLIENT_CODES as readonly string[]).includes(code) || APOLLO_REQUEST_CODES.has(code));
}

/** The client-facing error for a failure we recognise, or null for an unknown one. */
export function clientErrorFor(raw: unknown): GraphQLError | null {
  let error = unwrapResolverError(raw);
  // Resolver errors and Apollo's "Context creation failed" wrap what was thrown.
  while (isGraphQLError(error) && !hasShowableCode(error) && error.originalError) error = error.originalError;
  if (isGraphQLError(error)) return hasShowableCode(error) ? error : null;
  const refusal = apiErrorFor(error);
  if (refusal) {
    const field = typeof refusal.details.field === 'string' ? { field: refusal.details.field } : {};
    return apiError(refusal.code, refusal.message, { domainCode: refusal.reason, ...field });
  }
  if (isCommandConflict(error)) return apiError('CONFLICT', error.message, { domainCode: error.refusal?.code ?? error.reason });
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const field = issue?.path.join('.') || 'input';
    return badInput(field, issue?.message ?? 'invalid');
  }
  if (error instanceof InvalidCursor) return badInput('after', 'not a cursor returned by this query');
  if (error instanceof TokenRefused) return apiError('UNAUTHENTICATED', error.message, { reason: error.reason });
  return null;
}

// `Variable "$filter" got invalid value "x" at "filter.from"; ...` -> filter.from
const VARIABLE_PATH = /^Variable "\$([^"]+)" got invalid value .*? at "([^"]+)"/;
const VARIABLE = /^Variable "\$([^"]+)"/;

function fieldOfCoercionError(message: string): string | null {
  const at = VARIABLE_PATH.exec(message);
  if (at) return at[2]!;
  return VARIABLE.exec(message)?.[1] ?? null;
}

/** Apollo's formatError: known failures keep their code, the rest lose every detail. */
export function formatError(formatted: GraphQLFormattedError, raw: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code === 'BAD_USER_INPUT' && formatted.extensions?.field === undefined) {
    // GraphQL's variable coercion: name the field as our own input errors do.
    const field = fieldOfCoercionError(formatted.message) ?? 'input';
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code, field } };
  }
  if (typeof code === 'string' && ((CLIENT_CODES as readonly string[]).includes(code) || APOLLO_REQUEST_CODES.has(code))) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const known = clientErrorFor(raw);
  if (known) {
    const { http: _http, stacktrace: _stack, ...extensions } = known.extensions as Record<string, unknown>;
    return { message: known.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
