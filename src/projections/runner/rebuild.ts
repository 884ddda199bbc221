// Blue/green rebuild: a new generation is built from position 0 beside the live one (which
// keeps answering), caught up to the head, switched to in one transaction, and the old
// generation is dropped.
import type { Pool } from 'pg';
import type { Logger } from '../../app/logger.js';
import { comparePositions, type EventStore, type Position } from '../../event-store/port.js';
import { readCheckpoint } from './batch-transaction.js';
import { CONTROL_SCHEMA } from './control-schema.js';
import { beginRebuild, createIndexes, dropGeneration, readGenerations, switchLive, type Generation } from './generations.js';
import type { Projection } from './projection.js';
import { ProjectionWorker, type WorkerOptions, type WorkerProgress } from './worker.js';

export interface RebuildResult {
  generation: Generation;
  replaced: Generation | null;
  events: number;
  seconds: number;
  /** Where the time went: replaying to the head, building the query indexes, catching up again and switching. */
  phases: { replaySeconds: number; indexSeconds: number; switchSeconds: number };
}

export class RebuildFailed extends Error {
  constructor(
    readonly projection: string,
    readonly outcome: string,
  ) {
    super(`Rebuild of ${projection} did not finish (${outcome}); see \`roadledger projections status\``);
    this.name = 'RebuildFailed';
  }
}

export interface RebuildOptions {
  worker: WorkerOptions;
  logger: Logger;
  onProgress?: (progress: WorkerProgress) => void;
  signal?: AbortSignal;
  /** A position the rebuild must reach before it switches (e.g. the last append the caller made). */
  atLeast?: Position;
}

function laterOf(a: Position | undefined, b: Position | undefined): Position | undefined {
  if (!a || !b) return a ?? b;
  return comparePositions(a, b) >= 0 ? a : b;
}

export async function rebuildProjection(pool: Pool, store: EventStore, projection: Projection, options: RebuildOptions): Promise<RebuildResult> {
  const started = Date.now();
  const next = await beginRebuild(pool, projection);
  const log = options.logger.child({ projection: projection.name, generation: next.generation, version: next.version });
  log.info('rebuild started');
  const worker = new ProjectionWorker(pool, store, projection, next, options.worker, log, options.onProgress);
  const outcome = await worker.run(options.signal ?? new AbortController().signal, { untilCaughtUp: true, rebuilding: true, atLeast: options.atLeast });
  if (outcome !== 'caught-up') throw new RebuildFailed(projection.name, outcome);
  const replayed = Date.now();
  await createIndexes(pool, projection, next);
  const indexed = Date.now();
  // Catch up once more (events appended while the indexes were built), and at least to
  // where the live generation is, so the switch never shows readers an older state.
  const live = (await readGenerations(pool, projection.name)).live;
  const liveCheckpoint = live ? (await readCheckpoint(pool, live))?.position : undefined;
  const atLeast = laterOf(options.atLeast, liveCheckpoint);
  const final = await worker.run(options.signal ?? new AbortController().signal, { untilCaughtUp: true, rebuilding: true, atLeast });
  if (final !== 'caught-up') throw new RebuildFailed(projection.name, final);
  const replaced = await switchLive(pool, projection, next);
  await pool.query(`UPDATE ${CONTROL_SCHEMA}.projection_status SET state = 'LIVE', updated_at = now() WHERE name = $1 AND generation = $2`, [
    next.name,
    next.generation,
  ]);
  if (replaced) await dropGeneration(pool, replaced);
  const { rows } = await pool.query<{ events_processed: string }>(
    `SELECT events_processed FROM ${CONTROL_SCHEMA}.projection_checkpoints WHERE name = $1 AND generation = $2`,
    [next.name, next.generation],
  );
  const events = Number(rows[0]?.events_processed ?? 0);
  const finished = Date.now();
  const seconds = (finished - started) / 1000;
  const phases = { replaySeconds: (replayed - started) / 1000, indexSeconds: (indexed - replayed) / 1000, switchSeconds: (finished - indexed) / 1000 };
  log.info({ events, seconds, ...phases, replacedGeneration: replaced?.generation ?? null }, 'rebuild switched live');
  return { generation: next, replaced, events, seconds, phases };
}
