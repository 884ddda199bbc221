// Marks a request's answer as cacheable once Apollo knows the operation (after parsing and
// validation) and the answer (no errors, a single result): the HTTP layer keeps it then.
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { GraphQLContext } from '../context.js';
import { cachedPlanFor, type CachePlan } from './cacheable-operation.js';

export function responseCachePlugin(schema: GraphQLSchema): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      const ticket = contextValue.cacheTicket;
      if (!ticket) return;
      let plan: CachePlan = null;
      return {
        async didResolveOperation({ document, operation }) {
          plan = operation ? cachedPlanFor(schema, document, operation) : null;
        },
        async willSendResponse({ response }) {
          if (plan && response.body.kind === 'single' && !response.body.singleResult.errors && (response.http.status ?? 200) === 200) {
            ticket.sources = plan.sources;
          }
        },
      };
    },
  };
}
