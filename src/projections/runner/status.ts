// Status per projection generation: written by the runner with every batch (in the
// batch's transaction) and on every change of state; read by the CLI and the API.
import type { Pool, PoolClient } from 'pg';
import { comparePositions, formatPosition, type Position } from '../../event-store/port.js';
import { CONTROL_SCHEMA } from './control-schema.js';
import type { Generation } from './generations.js';
import type { ProjectionState } from './projection.js';

export interface ProjectionStatus {
  name: string;
  generation: number;
  version: number;
  live: boolean;
  state: ProjectionState;
  checkpoint: string;
  eventsProcessed: number;
  head: string | null;
  lagEvents: number;
  lagSeconds: number;
  eventsPerSecond: number;
  error: string | null;
  failedPosition: string | null;
  failedEventId: string | null;
  skippedEvents: number;
  updatedAt: Date;
}

export interface Progress {
  state: ProjectionState;
  head: Position;
  checkpoint: Position;
  eventsPerSecond: number;
  lastEventRecordedAt: Date | null;
}

/**
 * Lag in events from positions alone. On PostgreSQL `prepare` is the row sequence, so the
 * difference counts the events between (plus any sequence gaps of rolled-back appends).
 */
export function lagEvents(checkpoint: Position, head: Position): number {
  return comparePositions(checkpoint, head) >= 0 ? 0 : Math.max(0, Number(head.prepare - checkpoint.prepare));
}

export function lagSeconds(checkpoint: Position, head: Position, lastEventRecordedAt: Date | null, now: number): number {
  if (lagEvents(checkpoint, head) === 0 || lastEventRecordedAt === null) return 0;
  return Math.max(0, (now - lastEventRecordedAt.getTime()) / 1000);
}

export function statusValues(progress: Progress, now: number): unknown[] {
  const { head, checkpoint, lastEventRecordedAt } = progress;
  return [
    progress.state,
    formatPosition(head),
    lagEvents(checkpoint, head),
    lagSeconds(checkpoint, head, lastEventRecordedAt, now),
    progress.eventsPerSecond,
    lastEventRecordedAt,
  ];
}

/** SET clause for statusValues() placed at $first...$first+5. */
export function statusAssignments(first: number): string {
  const p = (offset: number): string => `$${first + offset}`;
  return `state = ${p(0)}, head_position = ${p(1)}, lag_events = ${p(2)}, lag_seconds = ${p(3)},
    events_per_second = ${p(4)}, last_event_recorded_at = COALESCE(${p(5)}::timestamptz, last_event_recorded_at),
    updated_at = now()`;
}

export async function writeProgress(db: Pool | PoolClient, generation: Generation, progress: Progress): Promise<void> {
  await db.query(
    `UPDATE ${CONTROL_SCHEMA}.projection_status SET ${statusAssignments(3)}, error = NULL WHERE name = $1 AND generation = $2`,
    [generation.name, generation.generation, ...statusValues(progress, Date.now())],
  );
}

export async function writeFailure(
  db: Pool | PoolClient,
  generation: Generation,
  failure: { position: Position; eventId: string; error: string },
): Promise<void> {
  await db.query(
    `UPDATE ${CONTROL_SCHEMA}.projection_status
        SET state = 'FAILED', error = $3, failed_position = $4, failed_event_id = $5, events_per_second = 0, updated_at = now()
      WHERE name = $1 AND generation = $2`,
    [generation.name, generation.generation, failure.error, formatPosition(failure.position), failure.eventId],
  );
}

interface StatusRow {
  name: string;
  generation: number;
  version: number;
  live: boolean;
  state: ProjectionState;
  commit_position: string;
  prepare_position: string;
  events_processed: string;
  head_position: string | null;
  lag_events: string;
  lag_seconds: number;
  events_per_second: number;
  error: string | null;
  failed_position: string | null;
  failed_event_id: string | null;
  skipped: string;
  updated_at: Date;
}

/** Every generation's status, the live ones first; lag is recomputed against `head` when given. */
export async function readStatuses(pool: Pool, head?: Position): Promise<ProjectionStatus[]> {
  const { rows } = await pool.query<StatusRow>(`
    SELECT s.*, c.commit_position, c.prepare_position, c.events_processed,
           (v.live_generation = s.generation) AS live,
           (SELECT count(*) FROM ${CONTROL_SCHEMA}.projection_skips k WHERE k.name = s.name AND k.generation = s.generation) AS skipped
      FROM ${CONTROL_SCHEMA}.projection_status s
      JOIN ${CONTROL_SCHEMA}.projection_checkpoints c USING (name, generation)
      LEFT JOIN ${CONTROL_SCHEMA}.projection_versions v USING (name)
     ORDER BY s.name, live DESC, s.generation`);
  return rows.map((row) => {
    const checkpoint: Position = { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) };
    const lag = head ? lagEvents(checkpoint, head) : Number(row.lag_events);
    return {
      name: row.name,
      generation: row.generation,
      version: row.version,
      live: row.live === true,
      state: row.state,
      checkpoint: formatPosition(checkpoint),
      eventsProcessed: Number(row.events_processed),
      head: head ? formatPosition(head) : row.head_position,
      lagEvents: lag,
      lagSeconds: lag === 0 ? 0 : row.lag_seconds,
      eventsPerSecond: row.events_per_second,
      error: row.error,
      failedPosition: row.failed_position,
      failedEventId: row.failed_event_id,
      skippedEvents: Number(row.skipped),
      updatedAt: row.updated_at,
    };
  });
}
