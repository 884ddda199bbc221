// The executable schema: schema.graphql (the source of truth) and the resolvers typed from
// it by graphql-codegen.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import type { Resolvers } from './generated/resolvers-types.js';
import { evidenceResolvers, infractionFieldResolvers } from './resolvers/infraction-fields.js';
import { infractionMutations } from './resolvers/infraction-mutations.js';
import { queryResolvers, readWholeStream } from './resolvers/query-resolvers.js';
import { reportResolvers } from './resolvers/report-resolvers.js';
import { setupMutations } from './resolvers/setup-mutations.js';
import { infractionChangeResolvers, subscriptionResolvers } from './resolvers/subscription-resolvers.js';
import { DateScalar, DateTimeScalar, JSONScalar } from './scalars.js';
import type { EventFanOut } from './subscriptions/event-fan-out.js';
import { foldInfraction } from './views/fold-infraction.js';
import { infractionStream } from '../domain/infraction/events.js';
import { countInfractions } from '../projections/infractions/queries.js';

/** schema.graphql at the repository root, found from src/graphql (tsx, vitest) or dist/src/graphql (node). */
export function schemaSource(): string {
  for (const relative of ['../../schema.graphql', '../../../schema.graphql']) {
    try {
      return readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');
    } catch {
      // try the next layout
    }
  }
  throw new Error('schema.graphql not found next to src/ or dist/');
}

export function buildSchema(fanOut: EventFanOut): GraphQLSchema {
  const resolvers: Resolvers = {
    DateTime: DateTimeScalar,
    Date: DateScalar,
    JSON: JSONScalar,
    Query: { ...queryResolvers, ...reportResolvers },
    Mutation: { ...infractionMutations, ...setupMutations },
    Subscription: subscriptionResolvers(fanOut),
    Infraction: infractionFieldResolvers,
    Evidence: evidenceResolvers,
    InfractionChange: infractionChangeResolvers,
    InfractionConnection: {
      totalCount: (parent, _args, context) => countInfractions(context.services.readPool, parent.filter),
    },
    CommandResult: {
      async infraction(parent, _args, context) {
        if (parent.infractionId === null) return null;
        const events = await readWholeStream(context.services.store, infractionStream(parent.infractionId));
        return foldInfraction(events.filter((event) => event.revision <= parent.revision));
      },
    },
  };
  return makeExecutableSchema({ typeDefs: schemaSource(), resolvers: resolvers as never });
}
