// The table of per-person data keys, apart from the events: deleting a row erases that
// person from every event that holds their data, while the event log stays untouched.
// Keys are stored wrapped (AES-256-GCM under a master key from configuration), so a copy
// of the database alone does not open them.
import type pg from 'pg';
import { announceReadModelChange, PERSONAL_DATA_KEYS, READ_MODEL_CHANNEL } from '../projections/read-model-changes.js';

const TABLE_SQL = `
CREATE TABLE IF NOT EXISTS personal_data_keys (
  subject_id text PRIMARY KEY,
  wrapped_key bytea NOT NULL,
  iv bytea NOT NULL,
  auth_tag bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)`;

export interface WrappedKeyRow {
  wrapped_key: Buffer;
  iv: Buffer;
  auth_tag: Buffer;
}

export async function migratePersonalDataKeys(pool: pg.Pool): Promise<void> {
  await pool.query(TABLE_SQL);
}

/** Inserts the key unless the subject already has one; returns the key in force either way. */
export async function insertOrGetKey(pool: pg.Pool, subjectId: string, wrapped: WrappedKeyRow): Promise<WrappedKeyRow> {
  // A new key changes what an erased person's data decrypts to: readers keeping answers are told (NOTIFY at commit).
  const inserted = await pool.query<WrappedKeyRow>(
    `WITH added AS (
       INSERT INTO personal_data_keys (subject_id, wrapped_key, iv, auth_tag) VALUES ($1, $2, $3, $4)
       ON CONFLICT (subject_id) DO NOTHING RETURNING wrapped_key, iv, auth_tag)
     SELECT wrapped_key, iv, auth_tag, pg_notify($5, $6) FROM added`,
    [subjectId, wrapped.wrapped_key, wrapped.iv, wrapped.auth_tag, READ_MODEL_CHANNEL, PERSONAL_DATA_KEYS],
  );
  if (inserted.rows[0]) {
    announceReadModelChange(PERSONAL_DATA_KEYS);
    return inserted.rows[0];
  }
  // Someone else's key won; a new statement (new snapshot) sees it. Erased in between: insert again.
  return (await findKey(pool, subjectId)) ?? insertOrGetKey(pool, subjectId, wrapped);
}

export async function findKey(pool: pg.Pool, subjectId: string): Promise<WrappedKeyRow | null> {
  const { rows } = await pool.query<WrappedKeyRow>('SELECT wrapped_key, iv, auth_tag FROM personal_data_keys WHERE subject_id = $1', [
    subjectId,
  ]);
  return rows[0] ?? null;
}

/** True when a key was deleted, false when there was none (already erased, or never known). */
export async function deleteKey(pool: pg.Pool, subjectId: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    `WITH gone AS (DELETE FROM personal_data_keys WHERE subject_id = $1 RETURNING 1) SELECT pg_notify($2, $3) FROM gone`,
    [subjectId, READ_MODEL_CHANNEL, PERSONAL_DATA_KEYS],
  );
  if ((rowCount ?? 0) === 0) return false;
  announceReadModelChange(PERSONAL_DATA_KEYS);
  return true;
}
