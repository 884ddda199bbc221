// graphql-ws on the API's own HTTP server and path. The token is checked at connection_init
// and again at every subscribe (a connection outlives a token), and the socket is closed
// when the token expires. permessage-deflate stays off (memory per socket).
import type { Server } from 'node:http';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { randomUUID } from 'node:crypto';
import type { ApiServices } from '../../graphql/api-dependencies.js';
import type { Viewer } from '../../graphql/auth/claims.js';
import { bearerToken, TokenRefused, type TokenVerifier } from '../../graphql/auth/token-verifier.js';
import { operationContext, type GraphQLContext } from '../../graphql/context.js';

/** Close code for a refused or expired token (graphql-ws uses 4403 for a refused connection_init). */
const TOKEN_REFUSED = 4403;

function tokenOf(params: Readonly<Record<string, unknown>> | undefined): string | null {
  return bearerToken(params?.authorization ?? params?.Authorization) ?? (typeof params?.token === 'string' ? params.token : null);
}

export function attachGraphQLWebSocket(httpServer: Server, schema: GraphQLSchema, services: ApiServices, verify: TokenVerifier): { close(): Promise<void> } {
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', perMessageDeflate: false });
  const viewers = new WeakMap<object, Viewer>();
  const timers = new Set<NodeJS.Timeout>();
  const disposable = useServer<Record<string, unknown>>(
    {
      schema,
      async onConnect(ctx) {
        try {
          const token = tokenOf(ctx.connectionParams);
          const viewer = await verify(token);
          viewers.set(ctx.extra.socket, viewer);
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
      async onSubscribe(ctx) {
        try {
          await verify(tokenOf(ctx.connectionParams));
        } catch (error) {
          const reason = error instanceof TokenRefused ? error.message : 'the token is not valid';
          return [new GraphQLError(reason, { extensions: { code: 'UNAUTHENTICATED' } })];
        }
      },
      context(ctx): GraphQLContext {
        const viewer = viewers.get(ctx.extra.socket);
        if (!viewer) throw new GraphQLError('not authenticated', { extensions: { code: 'UNAUTHENTICATED' } });
        const correlationId = randomUUID();
        return operationContext(viewer, correlationId, services);
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
