// Refuses an operation whose cost (with its variables) is above the configured maximum,
// before any resolver runs.
import type { ApolloServerPlugin } from '@apollo/server';
import { buildSchema, GraphQLError } from 'graphql';
import type { GraphQLContext } from '../context.js';
import { operationCost, pageDefaults } from './query-cost.js';

export function costLimitPlugin(maxCost: number, typeDefs: string): ApolloServerPlugin<GraphQLContext> {
  // From the SDL rather than the executable schema: built here, it never mixes classes of
  // two copies of graphql (a test runner may load one for this module, Node another for Apollo).
  const defaults = pageDefaults(buildSchema(typeDefs));
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const cost = operationCost(document, operation, request.variables ?? {}, defaults);
          if (cost > maxCost) {
            throw new GraphQLError(`Query cost ${cost} is above the limit of ${maxCost}: ask for fewer rows or fields`, {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost, maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
