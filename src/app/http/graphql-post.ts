// POST /graphql served straight from node:http, without express's router: the body parsed by
// the same express.json() instance, then the caller admitted (token, rate limit), then the
// response cache, then Apollo. Anything this path does not take (a body that is not a JSON
// object, a body-parser error) goes on to express with the parse done or its error replayed,
// so those answers stay what they were.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Viewer } from '../../graphql/auth/claims.js';
import type { GraphQLContext } from '../../graphql/context.js';
import type { CacheTicket, Outcome, ResponseCache } from '../../graphql/response-cache/response-cache.js';
import { correlationIdFor } from './correlation.js';
import { timeRequest } from './metrics.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export interface GraphQLPostOptions {
  apollo: ApolloServer<GraphQLContext>;
  /** express.json({ limit }) — called directly; its errors are replayed to express. */
  parseJson: RequestHandler;
  /** Verifies the token and spends the request budget; throws the client error otherwise. */
  admit: (req: IncomingMessage) => Promise<Viewer>;
  contextFor: (viewer: Viewer, correlationId: string, ticket?: CacheTicket) => GraphQLContext;
  cache: ResponseCache | null;
}

const bodyErrors = new WeakMap<IncomingMessage, unknown>();

/** In express's /graphql chain before express.json(): the error the direct parse met, as express would have met it. */
export function replayBodyError(req: Request, _res: Response, next: NextFunction): void {
  next(bodyErrors.get(req));
}

const isGraphQLPost = (req: IncomingMessage): boolean => req.method === 'POST' && (req.url === '/graphql' || req.url?.startsWith('/graphql?') === true);

/** A request listener: POST /graphql here, everything else (and what this path declines) to `fallback`. */
export function graphqlPostListener(options: GraphQLPostOptions, fallback: Listener): Listener {
  return (req, res) => {
    if (!isGraphQLPost(req)) return fallback(req, res);
    options.parseJson(req as Request, res as Response, (error?: unknown) => {
      const body = (req as Request).body as unknown;
      if (error !== undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
        if (error !== undefined) bodyErrors.set(req, error);
        return fallback(req, res);
      }
      serve(options, req, res, body as Record<string, unknown>).catch((failure: unknown) => {
        res.destroy(failure instanceof Error ? failure : undefined);
      });
    });
  };
}

async function serve(options: GraphQLPostOptions, req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>): Promise<void> {
  const correlationId = correlationIdFor(req.headers['x-correlation-id']);
  res.setHeader('x-correlation-id', correlationId);
  timeRequest(req, res);
  let viewer: Viewer | null = null;
  let refusal: unknown = null;
  try {
    viewer = await options.admit(req);
  } catch (error) {
    refusal = error;
  }

  let ticket: CacheTicket | undefined;
  // Persisted-query or other extensions change how Apollo reads the request: not cached.
  if (options.cache && viewer && typeof body.query === 'string' && body.extensions === undefined) {
    const key = options.cache.keyOf({
      query: body.query,
      operationName: typeof body.operationName === 'string' ? body.operationName : null,
      variables: body.variables,
      viewer,
      accept: req.headers.accept,
    });
    let found = options.cache.lookup(key);
    if (found && 'joined' in found) {
      // An identical request is being read: its answer, or (failed, late, not cacheable) our own read.
      const joined = await found.joined;
      if (joined) return send(res, 200, [['content-type', joined.contentType]], joined.body);
      found = options.cache.lookup(key, { join: false });
    }
    if (found && 'hit' in found) return send(res, 200, [['content-type', found.hit.contentType]], found.hit.body);
    ticket = found && 'ticket' in found ? found.ticket : undefined;
  }

  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  const queryAt = req.url!.indexOf('?');
  let outcome: Outcome = null;
  try {
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: queryAt < 0 ? '' : req.url!.slice(queryAt), body },
      context: async () => {
        if (refusal !== null || viewer === null) throw refusal;
        return options.contextFor(viewer, correlationId, ticket);
      },
    });
    if (response.body.kind === 'complete' && (response.status ?? 200) === 200) {
      outcome = { body: response.body.string, contentType: response.headers.get('content-type') ?? 'application/json; charset=utf-8' };
    }
    // Landed before the write: the requests waiting on this one need not wait for this client's socket.
    if (ticket) options.cache!.land(ticket, outcome);
    await write(res, response);
  } finally {
    // A failure before landing: the waiters execute on their own (land ignores a second call).
    if (ticket) options.cache!.land(ticket, null);
  }
}

async function write(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  if (response.body.kind === 'complete') return send(res, response.status ?? 200, response.headers, response.body.string);
  res.statusCode = response.status ?? 200;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** What express's res.send does for a string: a content type when none is set, and the length. */
function send(res: ServerResponse, status: number, headers: Iterable<[string, string]>, text: string): void {
  res.statusCode = status;
  for (const [name, value] of headers) res.setHeader(name, value);
  if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}
