// Refuses an operation whose cost (with its variables) is above the configured maximum,
// before any resolver runs.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { GraphQLContext } from '../context.js';
import { operationCost, pageDefaults } from './query-cost.js';

export function costLimitPlugin(maxCost: number): ApolloServerPlugin<GraphQLContext> {
  // Computed once per schema (the schema never changes while the server runs).
  const cache = new WeakMap<GraphQLSchema, Map<string, number>>();
  const defaultsOf = (schema: GraphQLSchema): Map<string, number> => {
    let defaults = cache.get(schema);
    if (!defaults) cache.set(schema, (defaults = pageDefaults(schema)));
    return defaults;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          const cost = operationCost(document, operation, request.variables ?? {}, defaultsOf(schema));
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
