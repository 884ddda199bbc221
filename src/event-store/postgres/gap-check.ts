// The gap check: many writers hold their append transactions open for random times (so
// transactions commit out of position order) while one subscription reads. Every appended
// event must be delivered exactly once, in log order. Optionally a naive reader ordered by
// the position sequence alone runs beside it, to show the load does produce gaps.
// Used by gap.int.spec.ts (100,000 events) and `npm run bench:append -- --events N`.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../../app/logger.js';
import type { EventEnvelope } from '../../domain/shared/message.js';
import { comparePositions, type Position } from '../port.js';
import { PostgresEventStore } from './postgres-event-store.js';

export interface GapCheckOptions {
  connectionString: string;
  events: number;
  writers: number;
  batchSize: number;
  /** Each append holds its transaction open for 0..maxHoldMs (1 in 50 for ten times that). */
  maxHoldMs: number;
  naiveControl: boolean;
  logger: Logger;
}

export interface GapCheckResult {
  appended: number;
  delivered: number;
  missing: number;
  repeated: number;
  outOfOrder: number;
  /** Events the naive, sequence-ordered reader never saw (undefined when it did not run). */
  naiveMissed?: number;
  seconds: number;
}

export async function runGapCheck(options: GapCheckOptions): Promise<GapCheckResult> {
  const hold = (): Promise<void> => {
    const factor = Math.random() < 0.02 ? 10 : 1;
    return new Promise((resolve) => setTimeout(resolve, Math.random() * options.maxHoldMs * factor));
  };
  const store = new PostgresEventStore({
    connectionString: options.connectionString,
    poolSize: options.writers + 2,
    beforeCommit: hold,
    pollIntervalMs: 100,
    logger: options.logger,
  });
  await store.migrate();
  const prefix = `gap-${randomUUID().slice(0, 8)}-`;
  const appended = new Set<string>();
  let writing = true;
  const started = Date.now();
  try {
    const from = await store.headPosition();
    const naive = options.naiveControl ? naiveReader(options.connectionString, prefix, () => writing) : undefined;
    const subscription = store.subscribeToAll({ fromPosition: from, filter: { streamPrefixes: [prefix] } });
    const delivery = consume(subscription);
    const perWriter = Math.ceil(options.events / options.writers / options.batchSize);
    await Promise.all(
      Array.from({ length: options.writers }, async (_, writer) => {
        for (let round = 0; round < perWriter; round += 1) {
          const batch = makeBatch(options.batchSize, writer, round);
          await store.append(`${prefix}${writer}-${round % 4}`, batch, 'any');
          for (const event of batch) appended.add(event.metadata.eventId);
        }
      }),
    );
    writing = false;
    // Every append has committed; give the subscription a minute to deliver the rest.
    const deadline = Date.now() + 60_000;
    while (delivery.seen.size < appended.size && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await subscription.close();
    await delivery.done;
    const delivered = delivery.seen;
    const naiveSeen = naive ? await naive : undefined;
    const missing = [...appended].filter((id) => !delivered.has(id)).length;
    return {
      appended: appended.size,
      delivered: delivered.size,
      missing,
      repeated: delivery.repeated(),
      outOfOrder: delivery.outOfOrder(),
      naiveMissed: naiveSeen ? [...appended].filter((id) => !naiveSeen.has(id)).length : undefined,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await store.close();
  }
}

function makeBatch(size: number, writer: number, round: number): EventEnvelope[] {
  return Array.from({ length: size }, (_, index) => ({
    type: 'GapCheckWritten',
    data: { writer, round, index },
    metadata: {
      eventId: randomUUID(),
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { kind: 'service', name: 'gap-check' },
      occurredAt: '2026-01-01T00:00:00.000Z',
      schemaVersion: 1,
    },
  }));
}

interface Delivered {
  metadata: { eventId: string };
  position: Position;
  streamName: string;
  revision: number;
}

function consume(subscription: AsyncIterable<Delivered>) {
  const seen = new Set<string>();
  let repeated = 0;
  let outOfOrder = 0;
  let last: Position | undefined;
  const lastRevision = new Map<string, number>();
  const done = (async () => {
    for await (const event of subscription) {
      if (seen.has(event.metadata.eventId)) repeated += 1;
      seen.add(event.metadata.eventId);
      if (last && comparePositions(last, event.position) >= 0) outOfOrder += 1;
      if ((lastRevision.get(event.streamName) ?? -1) + 1 !== event.revision) outOfOrder += 1;
      lastRevision.set(event.streamName, event.revision);
      last = event.position;
    }
  })();
  return { seen, done, repeated: () => repeated, outOfOrder: () => outOfOrder };
}

/** Reads by position alone, as a sequence-ordered table reader would, while writers run. */
async function naiveReader(connectionString: string, prefix: string, writing: () => boolean): Promise<Set<string>> {
  const client = new pg.Client({ connectionString });
  // A dropped connection surfaces as the failing query below; the event must not crash us.
  client.on('error', () => undefined);
  await client.connect();
  const seen = new Set<string>();
  let after = '0';
  try {
    for (;;) {
      const stillWriting = writing();
      const { rows } = await client.query<{ id: string; position: string }>(
        `SELECT metadata->>'eventId' AS id, global_position AS position FROM event_store.events
          WHERE global_position > $1 AND starts_with(stream_name, $2) ORDER BY global_position LIMIT 5000`,
        [after, prefix],
      );
      for (const row of rows) seen.add(row.id);
      if (rows.length > 0) after = rows.at(-1)!.position;
      if (!stillWriting && rows.length === 0) return seen;
      if (rows.length < 5000) await new Promise((resolve) => setTimeout(resolve, 2));
    }
  } finally {
    await client.end();
  }
}
