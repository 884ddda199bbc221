// What the fault tests check after the writer was interrupted, read from the event store
// itself: each produced message's event is there exactly once, under the event id derived
// from the message id; every stream's revisions run 0..n-1 without a hole; and every
// stream's hash chain verifies; and a device's passages are in the order it saw them.
import { eventIdFor } from '../../domain/shared/envelope.js';
import type { PostgresEventStore } from '../../event-store/postgres/postgres-event-store.js';

export interface StoreEffects {
  /** Events in the streams the writer writes (observations and infractions). */
  events: number;
  /** Produced messages with no event. */
  missing: string[];
  /** Messages with more than one event. */
  doubled: string[];
  /** Events whose message was not produced by the test. */
  foreign: string[];
  /** Events whose id is not the one derived from their message id. */
  underivedEventIds: string[];
  streams: number;
  /** Streams whose revisions are not exactly 0..n-1, or whose head row disagrees. */
  revisionGaps: string[];
  /** Streams whose hash chain does not verify. */
  brokenChains: string[];
  /** Observation streams where a passage sits after a later one of the same device. */
  outOfOrder: string[];
}

interface EventRow {
  event_id: string;
  stream_name: string;
  message_id: string;
}

interface StreamRow {
  stream_name: string;
  events: string;
  first: string;
  last: string;
  head: string;
}

const WRITER_STREAMS = `(e.stream_name LIKE 'observations-%' OR e.stream_name LIKE 'infraction-%')`;

export async function effectsInStore(store: PostgresEventStore, produced: ReadonlySet<string>): Promise<StoreEffects> {
  const { rows: events } = await store.pool.query<EventRow>(
    `SELECT e.event_id, e.stream_name, e.metadata->>'correlationId' AS message_id FROM event_store.events e WHERE ${WRITER_STREAMS}`,
  );
  const perMessage = new Map<string, number>();
  for (const event of events) perMessage.set(event.message_id, (perMessage.get(event.message_id) ?? 0) + 1);

  const { rows: streams } = await store.pool.query<StreamRow>(
    `SELECT e.stream_name, count(*) AS events, min(e.revision) AS first, max(e.revision) AS last, s.revision AS head
       FROM event_store.events e JOIN event_store.streams s USING (stream_name)
      WHERE ${WRITER_STREAMS} GROUP BY e.stream_name, s.revision`,
  );
  const revisionGaps = streams
    .filter((s) => Number(s.first) !== 0 || Number(s.last) !== Number(s.events) - 1 || Number(s.head) !== Number(s.last))
    .map((s) => s.stream_name);

  const { rows: disordered } = await store.pool.query<{ stream_name: string }>(
    `SELECT DISTINCT stream_name FROM (
       SELECT stream_name, data->>'observedAt' AS at, lag(data->>'observedAt') OVER (PARTITION BY stream_name ORDER BY revision) AS previous
         FROM event_store.events WHERE type = 'ObservationRecorded') passages
      WHERE previous > at`,
  );

  const brokenChains: string[] = [];
  const queue = streams.map((s) => s.stream_name);
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let stream = queue.pop(); stream !== undefined; stream = queue.pop()) {
        const result = await store.verify(stream);
        if (!result.ok) brokenChains.push(`${stream}: ${result.reason} at ${result.firstBadRevision}`);
      }
    }),
  );

  return {
    events: events.length,
    missing: [...produced].filter((id) => !perMessage.has(id)),
    doubled: [...perMessage].filter(([, count]) => count > 1).map(([id, count]) => `${id} x${count}`),
    foreign: [...perMessage.keys()].filter((id) => !produced.has(id)),
    underivedEventIds: events.filter((e) => e.event_id !== eventIdFor(`message-${e.message_id}`, 0)).map((e) => e.event_id),
    streams: streams.length,
    revisionGaps,
    brokenChains,
    outOfOrder: disordered.map((row) => row.stream_name),
  };
}
