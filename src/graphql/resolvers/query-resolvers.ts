// Queries: the read models for search and review, the event store for history, as-of and
// verification. Each list query is one SQL statement (two with the total count).
import { StreamNotFound, type RecordedEvent } from '../../event-store/port.js';
import { infractionStream } from '../../domain/infraction/events.js';
import { encodeCursor, findInfraction, pageOfInfractions, type InfractionFilter } from '../../projections/infractions/queries.js';
import { readStatuses } from '../../projections/runner/status.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { foldInfraction } from '../views/fold-infraction.js';
import { historyEntry } from '../views/history-entry.js';
import { infractionFromRow } from '../views/infraction-view.js';
import { isoTimestampTypes } from '../views/iso-timestamps.js';
import { requireReader } from './access.js';
import { arg, DateTimeSchema, IdSchema, InfractionFilterSchema, PageSchema } from './arguments.js';
import { z } from 'zod';
import type { EventStore } from '../../event-store/port.js';

export async function readWholeStream(store: EventStore, stream: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    for await (const event of store.readStream(stream)) events.push(event);
  } catch (error) {
    if (!(error instanceof StreamNotFound)) throw error;
  }
  return events;
}

const StreamNameSchema = z.string().trim().min(1, 'must not be empty').max(300);

export const queryResolvers: QueryResolvers = {
  async infractions(_parent, args, context) {
    requireReader(context);
    const page = arg(PageSchema, { first: args.first ?? 20, after: args.after }, '');
    const filter = arg(InfractionFilterSchema, args.filter, 'filter') ?? {};
    const criteria: InfractionFilter = {
      status: filter.status ?? undefined,
      infractionType: filter.type ?? undefined,
      zoneId: filter.zoneId ?? undefined,
      deviceId: filter.deviceId ?? undefined,
      plate: filter.plate ?? undefined,
      from: filter.from ?? undefined,
      to: filter.to ?? undefined,
    };
    const result = await pageOfInfractions(context.services.readPool, criteria, { first: page.first, after: page.after ?? null }, isoTimestampTypes);
    return {
      // A getter: a cursor per row is encoded only when the query selects edges.cursor.
      edges: result.items.map((row) => ({
        get cursor() {
          return encodeCursor(row);
        },
        node: infractionFromRow(row),
      })),
      pageInfo: { hasNextPage: result.hasNextPage, endCursor: result.endCursor },
      filter: criteria,
    };
  },

  async infraction(_parent, args, context) {
    requireReader(context);
    const row = await findInfraction(context.services.readPool, arg(IdSchema, args.id, 'id'));
    return row && infractionFromRow(row);
  },

  async infractionHistory(_parent, args, context) {
    requireReader(context);
    const events = await readWholeStream(context.services.store, infractionStream(arg(IdSchema, args.id, 'id')));
    return events.map(historyEntry);
  },

  async infractionAsOf(_parent, args, context) {
    requireReader(context);
    const id = arg(IdSchema, args.id, 'id');
    const at = new Date(arg(DateTimeSchema, args.at, 'at'));
    // recordedAt, not occurredAt: the question is what the system knew at that instant,
    // and a late or back-dated fact was not known before it was recorded.
    const known = (await readWholeStream(context.services.store, infractionStream(id))).filter((event) => event.recordedAt <= at);
    return { infraction: foldInfraction(known), asOf: at.toISOString(), revision: known.at(-1)?.revision ?? -1 };
  },

  async verifyStream(_parent, args, context) {
    requireReader(context, ['admin', 'supervisor', 'auditor']);
    const result = await context.services.store.verify(arg(StreamNameSchema, args.stream, 'stream'));
    return result.ok
      ? { stream: result.stream, ok: true, events: result.events, lastHash: result.lastHash, firstBadRevision: null, reason: null }
      : { stream: result.stream, ok: false, events: result.events, lastHash: null, firstBadRevision: result.firstBadRevision, reason: result.reason };
  },

  async projectionStatus(_parent, _args, context) {
    requireReader(context);
    const head = await context.services.store.headPosition();
    const statuses = await readStatuses(context.services.readPool, head);
    return statuses.map((status) => ({
      name: status.name,
      version: status.version,
      generation: status.generation,
      live: status.live,
      state: status.state,
      checkpoint: status.checkpoint,
      head: status.head,
      lagEvents: status.lagEvents,
      lagSeconds: status.lagSeconds,
      eventsPerSecond: status.eventsPerSecond,
      error: status.error,
    }));
  },
};
