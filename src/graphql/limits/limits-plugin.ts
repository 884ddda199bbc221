// Refuses an operation whose cost (with its variables) is above the configured maximum,
// before any resolver runs.
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../context.js';
import { costCheck } from './operation-limits.js';

export function costLimitPlugin(maxCost: number, typeDefs: string): ApolloServerPlugin<GraphQLContext> {
  const refusalOf = costCheck(maxCost, typeDefs);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const refusal = refusalOf(document, operation, request.variables ?? {});
          if (refusal) throw refusal;
        },
      };
    },
  };
}
