// Logs every failure the client only sees as INTERNAL_SERVER_ERROR, with the correlation
// id it was answered under, so the two can be matched.
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../context.js';
import { clientErrorFor } from '../errors.js';

export function errorLoggingPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (error.extensions?.code === 'BAD_USER_INPUT' || clientErrorFor(error)) continue;
            contextValue.logger.error({ err: error.originalError ?? error, path: error.path, operationName }, 'unexpected failure answered as INTERNAL_SERVER_ERROR');
          }
        },
      };
    },
  };
}
