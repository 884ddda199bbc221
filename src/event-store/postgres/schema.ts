// The event store's tables, in their own schema. Every statement is idempotent so
// migrate() can run at every start; an advisory lock keeps concurrent starts apart.
import type { Pool } from 'pg';
import { GENESIS_HASH } from '../hash-chain.js';
import { APPEND_FUNCTION_SQL, DROP_PREVIOUS_APPEND_FUNCTION_SQL } from './append-function.js';

export const NOTIFY_CHANNEL = 'event_store_appended';

// Arbitrary constant: the advisory lock key that serialises migrations of this schema.
const MIGRATION_LOCK_KEY = 7_466_113_901;

const TABLES_SQL = `
CREATE SCHEMA IF NOT EXISTS event_store;

-- One row per stream: the head revision and hash, and the row lock that serialises appends.
CREATE TABLE IF NOT EXISTS event_store.streams (
  stream_name text PRIMARY KEY,
  revision bigint NOT NULL,
  last_hash text NOT NULL DEFAULT '${GENESIS_HASH}'
);

CREATE TABLE IF NOT EXISTS event_store.events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The writer's transaction: readers only pass transactions older than every running one.
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  event_id text NOT NULL,
  stream_name text NOT NULL,
  revision bigint NOT NULL CHECK (revision >= 0),
  type text NOT NULL,
  -- json, not jsonb: kept as the canonical text the adapter wrote, cheaper in and out,
  -- and nothing queries inside events here (read models do that).
  data json NOT NULL,
  metadata json NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  hash text NOT NULL,
  previous_hash text NOT NULL,
  CONSTRAINT events_event_id_key UNIQUE (event_id),
  CONSTRAINT events_stream_revision_key UNIQUE (stream_name, revision)
);

-- Stores made before data and metadata became json.
DO $$
BEGIN
  IF (SELECT data_type FROM information_schema.columns
       WHERE table_schema = 'event_store' AND table_name = 'events' AND column_name = 'data') = 'jsonb' THEN
    ALTER TABLE event_store.events ALTER COLUMN data TYPE json, ALTER COLUMN metadata TYPE json;
  END IF;
END
$$;

CREATE INDEX IF NOT EXISTS events_transaction_position_idx
  ON event_store.events (transaction_id, global_position);
`;

export async function migrate(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(TABLES_SQL);
    await client.query(DROP_PREVIOUS_APPEND_FUNCTION_SQL);
    await client.query(APPEND_FUNCTION_SQL);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
