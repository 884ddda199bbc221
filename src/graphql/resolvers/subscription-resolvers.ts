// Subscriptions over graphql-ws, fed by the shared event fan-out.
import { z } from 'zod';
import { infractionStream, type InfractionDetected } from '../../domain/infraction/events.js';
import type { RecordedEvent } from '../../event-store/port.js';
import type { GraphQLContext } from '../context.js';
import type { InfractionChangeResolvers, SubscriptionResolvers } from '../generated/resolvers-types.js';
import type { EventFanOut } from '../subscriptions/event-fan-out.js';
import { foldInfraction } from '../views/fold-infraction.js';
import { historyEntry } from '../views/history-entry.js';
import { requireReader } from './access.js';
import { arg, IdSchema } from './arguments.js';
import { readWholeStream } from './query-resolvers.js';

const DetectedFilterSchema = z
  .object({ zoneId: IdSchema.nullish(), deviceId: IdSchema.nullish(), type: z.array(z.string()).nullish() })
  .nullish();

export function subscriptionResolvers(fanOut: EventFanOut): SubscriptionResolvers<GraphQLContext> {
  return {
    infractionDetected: {
      subscribe: (_parent, args, context) => {
        requireReader(context);
        const filter = arg(DetectedFilterSchema, args.filter, 'filter') ?? {};
        return fanOut.listen((event) => {
          if (event.type !== 'InfractionDetected') return false;
          const data = (event as unknown as InfractionDetected).data;
          return (
            (!filter.zoneId || data.zoneId === filter.zoneId) &&
            (!filter.deviceId || data.deviceId === filter.deviceId) &&
            (!filter.type?.length || filter.type.includes(data.infractionType))
          );
        });
      },
      resolve: (event: RecordedEvent) => foldInfraction([event])!,
    },
    infractionChanged: {
      subscribe: (_parent, args, context) => {
        requireReader(context);
        const stream = infractionStream(arg(IdSchema, args.id, 'id'));
        return fanOut.listen((event) => event.streamName === stream);
      },
      resolve: (event: RecordedEvent) => ({ event }),
    },
  };
}

export const infractionChangeResolvers: InfractionChangeResolvers = {
  event: (parent) => historyEntry(parent.event),
  async infraction(parent, _args, context) {
    const events = await readWholeStream(context.services.store, parent.event.streamName);
    return foldInfraction(events.filter((event) => event.revision <= parent.event.revision));
  },
};
