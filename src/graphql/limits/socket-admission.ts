// What an operation sent over graphql-ws must pass before it runs, as over HTTP: parsing,
// validation with the depth limit, NUL-free arguments and the cost limit; then a budget:
// a subscription takes a slot of its user's open subscriptions and of their subscribe
// rate, a query or mutation spends a request of the same budget as over HTTP.
import { GraphQLError, type DocumentNode, type ExecutionArgs, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { ApiSettings } from '../api-dependencies.js';
import type { Viewer } from '../auth/claims.js';
import { graphqlRuntime, socketError } from './graphql-runtime.js';
import { nulCheck } from './nul-guard-plugin.js';
import { costCheck, depthLimitRule } from './operation-limits.js';
import type { ApiLimiters } from './rate-limiter.js';

export interface SubscribePayload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

export type Admission =
  | { admitted: true; args: ExecutionArgs; release: (() => Promise<void>) | null }
  | { admitted: false; errors: GraphQLError[] };

const { getOperationAST, parse, specifiedRules, validate } = graphqlRuntime;

/** Only what a client may see: the socket has no HTTP status, so the `http` hint goes. */
function refused(error: GraphQLError): Admission {
  const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
  return { admitted: false, errors: [socketError(error.message, extensions, error.nodes)] };
}

const DOCUMENTS_KEPT = 500;

export function socketAdmission(schema: GraphQLSchema, settings: Pick<ApiSettings, 'GRAPHQL_MAX_DEPTH' | 'GRAPHQL_MAX_COST'>, typeDefs: string, limiters: ApiLimiters) {
  const rules: ValidationRule[] = [...specifiedRules, depthLimitRule(settings.GRAPHQL_MAX_DEPTH)];
  const costOf = costCheck(settings.GRAPHQL_MAX_COST, typeDefs);
  const nulOf = nulCheck();
  // Parsed and validated documents by query text, as Apollo keeps them for HTTP.
  const valid = new Map<string, DocumentNode>();

  function documentOf(query: string): DocumentNode | GraphQLError[] {
    const known = valid.get(query);
    if (known) return known;
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return [socketError(error instanceof Error ? error.message : 'the query could not be parsed', { code: 'GRAPHQL_PARSE_FAILED' })];
    }
    const errors = validate(schema, document, rules);
    if (errors.length) return errors.map((error) => socketError(error.message, { code: 'GRAPHQL_VALIDATION_FAILED' }, error.nodes));
    if (valid.size >= DOCUMENTS_KEPT) valid.delete(valid.keys().next().value!);
    valid.set(query, document);
    return document;
  }

  return async function admit(viewer: Viewer, payload: SubscribePayload): Promise<Admission> {
    if (typeof payload.query !== 'string') return { admitted: false, errors: [socketError('a query is required', { code: 'BAD_REQUEST' })] };
    const document = documentOf(payload.query);
    if (Array.isArray(document)) return { admitted: false, errors: document };
    const operation = getOperationAST(document, payload.operationName ?? undefined);
    if (!operation) return { admitted: false, errors: [socketError('Unable to identify operation', { code: 'BAD_REQUEST' })] };
    const variables = payload.variables ?? {};
    const refusal = nulOf(document, variables) ?? costOf(document, operation, variables);
    if (refusal) return refused(refusal);
    let release: (() => Promise<void>) | null = null;
    try {
      if (operation.operation === 'subscription') release = await limiters.subscriptions.open(viewer.key);
      else await limiters.requests.consume(viewer.key);
    } catch (error) {
      if (error instanceof GraphQLError) return refused(error);
      throw error;
    }
    return { admitted: true, args: { schema, document, operationName: payload.operationName, variableValues: variables }, release };
  };
}
