// A small read model of its own for the expiry process: each infraction's review deadline
// and whether it is still DETECTED, caught up from the event store's global log with the
// checkpoint in the same transaction. (The projections runner may take this over later;
// until then this keeps expiry from reading the whole log on every run.)
import type pg from 'pg';
import { START, type EventStore, type Position, type RecordedEvent } from '../../event-store/port.js';

const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS review_deadlines (
  infraction_id text PRIMARY KEY,
  review_deadline timestamptz NOT NULL,
  detected boolean NOT NULL
);
CREATE INDEX IF NOT EXISTS review_deadlines_open_idx ON review_deadlines (review_deadline) WHERE detected;
CREATE TABLE IF NOT EXISTS review_deadlines_checkpoint (
  id int PRIMARY KEY CHECK (id = 1),
  commit_position bigint NOT NULL,
  prepare_position bigint NOT NULL
);`;

// Arbitrary constant: serialises catch-up between instances so none applies a page twice.
const CATCH_UP_LOCK_KEY = 7_466_113_917;

/** The events after which an infraction is no longer DETECTED. */
const LEAVES_DETECTED = new Set(['InfractionValidated', 'InfractionRejected', 'InfractionCancelled', 'InfractionExpired']);

export async function migrateReviewDeadlines(pool: pg.Pool): Promise<void> {
  await pool.query(SCHEMA_SQL);
}

async function apply(client: pg.PoolClient, event: RecordedEvent): Promise<void> {
  const data = event.data as { infractionId?: string; reviewDeadline?: string };
  if (!event.streamName.startsWith('infraction-') || !data.infractionId) return;
  if (event.type === 'InfractionDetected') {
    await client.query(
      'INSERT INTO review_deadlines (infraction_id, review_deadline, detected) VALUES ($1, $2, true) ON CONFLICT (infraction_id) DO NOTHING',
      [data.infractionId, data.reviewDeadline],
    );
  } else if (LEAVES_DETECTED.has(event.type)) {
    await client.query('UPDATE review_deadlines SET detected = false WHERE infraction_id = $1', [data.infractionId]);
  }
}

/** Applies the log's events since the checkpoint, a page per transaction; returns how many it read. */
export async function catchUpReviewDeadlines(pool: pg.Pool, store: EventStore, pageSize = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [CATCH_UP_LOCK_KEY]);
      const { rows } = await client.query<{ commit_position: string; prepare_position: string }>(
        'SELECT commit_position, prepare_position FROM review_deadlines_checkpoint WHERE id = 1',
      );
      const from: Position = rows[0] ? { commit: BigInt(rows[0].commit_position), prepare: BigInt(rows[0].prepare_position) } : START;
      let last: Position | null = null;
      let read = 0;
      for await (const event of store.readAll({ fromPosition: from, maxCount: pageSize })) {
        await apply(client, event);
        last = event.position;
        read += 1;
      }
      if (last) {
        await client.query(
          `INSERT INTO review_deadlines_checkpoint (id, commit_position, prepare_position) VALUES (1, $1, $2)
           ON CONFLICT (id) DO UPDATE SET commit_position = $1, prepare_position = $2`,
          [last.commit.toString(), last.prepare.toString()],
        );
      }
      await client.query('COMMIT');
      total += read;
      if (read < pageSize) return total;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

/** Infractions still DETECTED whose review deadline is before `now`, oldest first. */
export async function overdueInfractions(pool: pg.Pool, now: string, limit = 1000): Promise<string[]> {
  const { rows } = await pool.query<{ infraction_id: string }>(
    'SELECT infraction_id FROM review_deadlines WHERE detected AND review_deadline < $1 ORDER BY review_deadline LIMIT $2',
    [now, limit],
  );
  return rows.map((row) => row.infraction_id);
}
