// One batch, one transaction: the read-model change, the checkpoint and the status commit
// together, so a crash never loses or doubles an update. The checkpoint row is locked
// first and events at or before it are dropped, so a second runner (or one restarted
// from an older position) never applies an event twice. A batch that changed the live
// generation tells readers (NOTIFY sent with the COMMIT, in the same round trip); a generation
// being rebuilt is read by nobody, so its batches stay quiet and the switch tells instead.
import type { Pool, PoolClient } from 'pg';
import { comparePositions, formatPosition, type Position, type RecordedEvent } from '../../event-store/port.js';
import { announceReadModelChange, backendOf, notifyAndCommit } from '../read-model-changes.js';
import { CONTROL_SCHEMA } from './control-schema.js';
import { tableNamer, type Generation } from './generations.js';
import type { Projection } from './projection.js';
import { statusAssignments, statusValues, type Progress } from './status.js';

/** `changed`: the batch held events the projection handles, so its tables may have moved; `live`: readers see this generation. */
export type BatchOutcome = { kind: 'committed'; checkpoint: Position; applied: number; changed?: boolean; live?: boolean } | { kind: 'retired' };

export interface BatchWork {
  events: readonly RecordedEvent[];
  /** Status to store with the batch; its checkpoint is the batch's last event. */
  progress: (checkpoint: Position, lastEvent: RecordedEvent) => Progress;
  /** When set, the events are not handled but recorded as skipped with this error. */
  skipError?: string;
}

export async function commitBatch(pool: Pool, projection: Projection, generation: Generation, work: BatchWork): Promise<BatchOutcome> {
  const client = await pool.connect();
  let telling = false;
  try {
    // Not waiting for the WAL flush is safe here: the checkpoint commits in the same
    // transaction, so a commit lost in a server crash is simply applied again on restart.
    // The work memory keeps a rebuild batch's recordset off temporary files.
    await client.query(`BEGIN; SET LOCAL synchronous_commit TO off; SET LOCAL work_mem = '64MB'`);
    const outcome = await applyInTransaction(client, projection, generation, work);
    telling = outcome.kind === 'committed' && outcome.changed === true && outcome.live === true;
    await client.query(telling ? notifyAndCommit(client, projection.name) : outcome.kind === 'committed' ? 'COMMIT' : 'ROLLBACK');
    if (telling) announceReadModelChange(projection.name, backendOf(client));
    return outcome;
  } catch (error) {
    // The COMMIT may have happened all the same: readers here forget what they read before.
    if (telling) announceReadModelChange(projection.name);
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function applyInTransaction(
  client: PoolClient,
  projection: Projection,
  generation: Generation,
  work: BatchWork,
): Promise<BatchOutcome> {
  const key = [generation.name, generation.generation];
  // Whether the views point at this generation comes with the lock: a rebuild's switch runs
  // only after its last batch committed, so a building generation's batch never races it.
  const { rows } = await client.query<{ commit_position: string; prepare_position: string; live: boolean }>({
    name: 'projection_lock_checkpoint',
    text: `SELECT c.commit_position, c.prepare_position, coalesce(v.live_generation = c.generation, false) AS live
             FROM ${CONTROL_SCHEMA}.projection_checkpoints c
             LEFT JOIN ${CONTROL_SCHEMA}.projection_versions v ON v.name = c.name
            WHERE c.name = $1 AND c.generation = $2 FOR UPDATE OF c`,
    values: key,
  });
  const row = rows[0];
  if (!row) return { kind: 'retired' };
  const stored: Position = { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) };
  // Events come in log order: when the first is past the checkpoint, all of them are.
  const first = work.events[0];
  const fresh = first && comparePositions(first.position, stored) > 0 ? work.events : work.events.filter((event) => comparePositions(event.position, stored) > 0);
  const last = fresh.at(-1);
  if (!last) return { kind: 'committed', checkpoint: stored, applied: 0 };
  let changed = false;

  if (work.skipError !== undefined) {
    await client.query(
      `INSERT INTO ${CONTROL_SCHEMA}.projection_skips (name, generation, position, event_id, event_type, error)
       SELECT $1, $2, p, e, t, $6 FROM unnest($3::text[], $4::text[], $5::text[]) AS s(p, e, t) ON CONFLICT DO NOTHING`,
      [...key, fresh.map((e) => formatPosition(e.position)), fresh.map((e) => e.metadata.eventId), fresh.map((e) => e.type), work.skipError],
    );
  } else {
    const handled = new Set(projection.eventTypes);
    const events = fresh.filter((event) => handled.has(event.type));
    if (events.length > 0) {
      await projection.applyBatch(events, { client, table: tableNamer(generation.name, generation.generation) });
      changed = true;
    }
  }

  const progress = work.progress(last.position, last);
  await client.query({
    name: 'projection_advance_checkpoint',
    text: `WITH advanced AS (
             UPDATE ${CONTROL_SCHEMA}.projection_checkpoints
                SET commit_position = $3, prepare_position = $4, events_processed = events_processed + $5, updated_at = now()
              WHERE name = $1 AND generation = $2)
           UPDATE ${CONTROL_SCHEMA}.projection_status SET ${statusAssignments(6)} WHERE name = $1 AND generation = $2`,
    values: [...key, last.position.commit.toString(), last.position.prepare.toString(), fresh.length, ...statusValues(progress, Date.now())],
  });
  return { kind: 'committed', checkpoint: last.position, applied: fresh.length, changed, live: row.live };
}

export async function readCheckpoint(pool: Pool, generation: Generation): Promise<{ position: Position; processed: number } | null> {
  const { rows } = await pool.query<{ commit_position: string; prepare_position: string; events_processed: string }>(
    `SELECT commit_position, prepare_position, events_processed FROM ${CONTROL_SCHEMA}.projection_checkpoints
      WHERE name = $1 AND generation = $2`,
    [generation.name, generation.generation],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    position: { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) },
    processed: Number(row.events_processed),
  };
}
