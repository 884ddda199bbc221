// The runner's own tables: which generation of each projection is live, checkpoints,
// status and skipped events. Idempotent, so it runs at every start.
import type { Pool } from 'pg';

export const CONTROL_SCHEMA = 'projections';
export const VIEW_SCHEMA = 'read_models';

// Arbitrary constant: serialises concurrent migrations of the control schema.
const MIGRATION_LOCK_KEY = 6_022_140_857;

const CONTROL_SQL = `
CREATE SCHEMA IF NOT EXISTS ${CONTROL_SCHEMA};
CREATE SCHEMA IF NOT EXISTS ${VIEW_SCHEMA};

-- One row per projection: the generation the views point at, and the one being rebuilt.
CREATE TABLE IF NOT EXISTS ${CONTROL_SCHEMA}.projection_versions (
  name text PRIMARY KEY,
  live_generation integer,
  live_version integer,
  building_generation integer,
  building_version integer,
  next_generation integer NOT NULL DEFAULT 1
);

-- Written in the same transaction as the read-model change it accounts for.
CREATE TABLE IF NOT EXISTS ${CONTROL_SCHEMA}.projection_checkpoints (
  name text NOT NULL,
  generation integer NOT NULL,
  version integer NOT NULL,
  commit_position numeric(20, 0) NOT NULL DEFAULT 0,
  prepare_position numeric(20, 0) NOT NULL DEFAULT 0,
  events_processed bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (name, generation)
);

CREATE TABLE IF NOT EXISTS ${CONTROL_SCHEMA}.projection_status (
  name text NOT NULL,
  generation integer NOT NULL,
  version integer NOT NULL,
  state text NOT NULL,
  head_position text,
  lag_events bigint NOT NULL DEFAULT 0,
  lag_seconds double precision NOT NULL DEFAULT 0,
  events_per_second double precision NOT NULL DEFAULT 0,
  last_event_recorded_at timestamptz,
  error text,
  failed_position text,
  failed_event_id text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (name, generation)
);

CREATE TABLE IF NOT EXISTS ${CONTROL_SCHEMA}.projection_skips (
  name text NOT NULL,
  generation integer NOT NULL,
  position text NOT NULL,
  event_id text NOT NULL,
  event_type text NOT NULL,
  error text NOT NULL,
  skipped_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (name, generation, position)
);
`;

export async function migrateControlSchema(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(CONTROL_SQL);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
