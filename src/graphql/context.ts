// The per-operation context of every resolver: who is calling, under which correlation
// id, and the services to read from and send commands to.
import type { Logger } from '../app/logger.js';
import type { ApiServices } from './api-dependencies.js';
import type { Viewer } from './auth/claims.js';

export interface GraphQLContext {
  viewer: Viewer;
  correlationId: string;
  logger: Logger;
  services: ApiServices;
}
