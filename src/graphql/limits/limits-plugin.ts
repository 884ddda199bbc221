// Refuses an operation whose cost (with its variables) is above the configured maximum,
// before any resolver runs.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from '../context.js';
import { operationCost } from './query-cost.js';

export function costLimitPlugin(maxCost: number): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const cost = operationCost(document, operation, request.variables ?? {});
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
