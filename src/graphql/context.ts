// The per-operation context of every resolver: who is calling, under which correlation
// id, and the services to read from and send commands to.
import { withCorrelation, type Logger } from '../app/logger.js';
import type { ApiServices } from './api-dependencies.js';
import type { Viewer } from './auth/claims.js';

export interface GraphQLContext {
  viewer: Viewer;
  correlationId: string;
  logger: Logger;
  services: ApiServices;
}

/** A context whose child logger is made on first use: most requests never log, and a pino child per request is not free. */
export function operationContext(viewer: Viewer, correlationId: string, services: ApiServices): GraphQLContext {
  let logger: Logger | null = null;
  return {
    viewer,
    correlationId,
    services,
    get logger() {
      return (logger ??= withCorrelation(services.logger, correlationId));
    },
  };
}
