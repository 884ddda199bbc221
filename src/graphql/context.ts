// The per-operation context of every resolver: who is calling, under which correlation
// id, and the services to read from and send commands to.
import { withCorrelation, type Logger } from '../app/logger.js';
import type { ApiServices } from './api-dependencies.js';
import type { Viewer } from './auth/claims.js';
import type { CacheTicket } from './response-cache/response-cache.js';

export interface GraphQLContext {
  viewer: Viewer;
  correlationId: string;
  logger: Logger;
  services: ApiServices;
  /** Present when the answer may be kept by the response cache (a read over HTTP with the cache on). */
  cacheTicket?: CacheTicket;
}

/** A context whose child logger is made on first use: most requests never log, and a pino child per request is not free. */
export function operationContext(viewer: Viewer, correlationId: string, services: ApiServices, cacheTicket?: CacheTicket): GraphQLContext {
  let logger: Logger | null = null;
  return {
    viewer,
    correlationId,
    services,
    cacheTicket,
    get logger() {
      return (logger ??= withCorrelation(services.logger, correlationId));
    },
  };
}
