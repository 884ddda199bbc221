// graphql-ws on the API's own HTTP server and path. The token is checked at connection_init
// and again at every subscribe (a connection outlives a token), and the socket is closed
// when the token expires. Every operation meets the limits it meets over HTTP (depth, cost,
// NUL guard, the user's budgets: see socket-admission.ts); a subscription's slot is given
// back when it completes or its socket closes. permessage-deflate stays off (memory per socket).
import type { Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { randomUUID } from 'node:crypto';
import type { ApiServices } from '../../graphql/api-dependencies.js';
import type { Viewer } from '../../graphql/auth/claims.js';
import { bearerToken, TokenRefused, type TokenVerifier } from '../../graphql/auth/token-verifier.js';
import { operationContext, type GraphQLContext } from '../../graphql/context.js';
import type { ApiLimiters } from '../../graphql/limits/rate-limiter.js';
import { socketError } from '../../graphql/limits/graphql-runtime.js';
import { socketAdmission } from '../../graphql/limits/socket-admission.js';

/** Close code for a refused or expired token (graphql-ws uses 4403 for a refused connection_init). */
const TOKEN_REFUSED = 4403;

function tokenOf(params: Readonly<Record<string, unknown>> | undefined): string | null {
  return bearerToken(params?.authorization ?? params?.Authorization) ?? (typeof params?.token === 'string' ? params.token : null);
}

export interface GraphQLWebSocketOptions {
  schema: GraphQLSchema;
  /** schema.graphql, for the cost of list pages. */
  typeDefs: string;
  services: ApiServices;
  verify: TokenVerifier;
  limiters: ApiLimiters;
}

export function attachGraphQLWebSocket(httpServer: Server, options: GraphQLWebSocketOptions): { close(): Promise<void> } {
  const { schema, services, verify } = options;
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', perMessageDeflate: false });
  const viewers = new WeakMap<object, Viewer>();
  const timers = new Set<NodeJS.Timeout>();
  const admit = socketAdmission(schema, services.settings, options.typeDefs, options.limiters);
  /** The open subscriptions' slots, by socket and operation id. */
  const slots = new WeakMap<object, Map<string, () => Promise<void>>>();
  const release = (socket: object, id: string): void => {
    const held = slots.get(socket);
    const giveBack = held?.get(id);
    if (!held || !giveBack) return;
    held.delete(id);
    giveBack().catch((error: unknown) => services.logger.warn({ err: error }, 'a subscription slot could not be given back'));
  };
  const disposable = useServer<Record<string, unknown>>(
    {
      schema,
      async onConnect(ctx) {
        try {
          const token = tokenOf(ctx.connectionParams);
          const viewer = await verify(token);
          viewers.set(ctx.extra.socket, viewer);
          slots.set(ctx.extra.socket, new Map());
          ctx.extra.socket.once('close', () => {
            for (const id of [...(slots.get(ctx.extra.socket)?.keys() ?? [])]) release(ctx.extra.socket, id);
          });
          const expiresAt = token ? expiryOf(token) : null;
          if (expiresAt !== null) {
            const timer = setTimeout(() => ctx.extra.socket.close(TOKEN_REFUSED, 'token expired'), Math.max(0, expiresAt - Date.now()));
            timers.add(timer);
            ctx.extra.socket.once('close', () => {
              clearTimeout(timer);
              timers.delete(timer);
            });
          }
          return true;
        } catch {
          return false;
        }
      },
      async onSubscribe(ctx, id, payload) {
        let viewer: Viewer;
        try {
          viewer = await verify(tokenOf(ctx.connectionParams));
        } catch (error) {
          const reason = error instanceof TokenRefused ? error.message : 'the token is not valid';
          return [socketError(reason, { code: 'UNAUTHENTICATED' })];
        }
        try {
          const admission = await admit(viewer, payload);
          if (!admission.admitted) return admission.errors;
          if (admission.release) slots.get(ctx.extra.socket)?.set(id, admission.release);
          return admission.args;
        } catch (error) {
          services.logger.error({ err: error }, 'a socket operation could not be admitted');
          return [socketError('Internal server error', { code: 'INTERNAL_SERVER_ERROR' })];
        }
      },
      onComplete(ctx, id) {
        release(ctx.extra.socket, id);
      },
      context(ctx): GraphQLContext {
        const viewer = viewers.get(ctx.extra.socket);
        if (!viewer) throw socketError('not authenticated', { code: 'UNAUTHENTICATED' });
        return operationContext(viewer, randomUUID(), services);
      },
    },
    wsServer,
  );
  return {
    async close() {
      for (const timer of timers) clearTimeout(timer);
      await disposable.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}

/** The token's exp in ms (already verified, so only read here). */
function expiryOf(token: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}
