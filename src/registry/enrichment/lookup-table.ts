// Where the enrichment keeps its place in the log and the outcome of every look-up: what
// was identified, what the registry does not know, what the write side refused, and what
// failed and waits for its next attempt (the "registry look-up failed" record: the domain
// has no event for it, and a failed look-up is an operational fact, not a legal one).
import type pg from 'pg';
import { formatPosition, parsePosition, type Position } from '../../event-store/port.js';

export type LookupOutcome = 'IDENTIFIED' | 'NOT_FOUND' | 'REFUSED' | 'PENDING' | 'GAVE_UP';

const TABLES_SQL = `
CREATE TABLE IF NOT EXISTS registry_enrichment_checkpoint (
  name text PRIMARY KEY,
  position text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS registry_lookups (
  infraction_id text PRIMARY KEY,
  plate text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('IDENTIFIED', 'NOT_FOUND', 'REFUSED', 'PENDING', 'GAVE_UP')),
  attempts integer NOT NULL,
  next_attempt_at timestamptz,
  last_error text,
  correlation_id text NOT NULL,
  causation_id text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS registry_lookups_due_idx ON registry_lookups (next_attempt_at) WHERE outcome = 'PENDING';
`;

export interface LookupRow {
  infractionId: string;
  plate: string;
  outcome: LookupOutcome;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  correlationId: string;
  causationId: string;
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

export async function migrateLookupTables(pool: pg.Pool): Promise<void> {
  await pool.query(TABLES_SQL);
}

export async function readCheckpoint(db: Queryable, name: string): Promise<Position | undefined> {
  const { rows } = await db.query<{ position: string }>('SELECT position FROM registry_enrichment_checkpoint WHERE name = $1', [name]);
  return rows[0] ? parsePosition(rows[0].position) : undefined;
}

export async function writeCheckpoint(db: Queryable, name: string, position: Position): Promise<void> {
  await db.query(
    `INSERT INTO registry_enrichment_checkpoint (name, position) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
    [name, formatPosition(position)],
  );
}

/** Records an outcome; an identified owner is final and is never overwritten by a replay. */
export async function saveLookup(db: Queryable, row: LookupRow): Promise<void> {
  await db.query(
    `INSERT INTO registry_lookups (infraction_id, plate, outcome, attempts, next_attempt_at, last_error, correlation_id, causation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (infraction_id) DO UPDATE SET plate = EXCLUDED.plate, outcome = EXCLUDED.outcome, attempts = EXCLUDED.attempts,
       next_attempt_at = EXCLUDED.next_attempt_at, last_error = EXCLUDED.last_error, updated_at = now()
     WHERE registry_lookups.outcome <> 'IDENTIFIED'`,
    [row.infractionId, row.plate, row.outcome, row.attempts, row.nextAttemptAt, row.lastError, row.correlationId, row.causationId],
  );
}

/** Locks one due retry (skipping rows another instance holds) inside the caller's transaction. */
export async function lockDueLookup(client: pg.PoolClient, now: Date): Promise<LookupRow | undefined> {
  const { rows } = await client.query<{
    infraction_id: string;
    plate: string;
    outcome: LookupOutcome;
    attempts: number;
    next_attempt_at: Date | null;
    last_error: string | null;
    correlation_id: string;
    causation_id: string;
  }>(
    `SELECT * FROM registry_lookups WHERE outcome = 'PENDING' AND next_attempt_at <= $1
     ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [now],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    infractionId: row.infraction_id,
    plate: row.plate,
    outcome: row.outcome,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
  };
}
