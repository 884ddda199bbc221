// Keeps every projection's live generation up to date: one supervised worker per
// projection that restarts after errors, follows a switch made by a rebuild (here or in
// another process), and rebuilds a changed version at start-up when asked.
import type { Pool } from 'pg';
import type { Logger } from '../../app/logger.js';
import type { EventStore, Position } from '../../event-store/port.js';
import { CONTROL_SCHEMA, migrateControlSchema } from './control-schema.js';
import { ensureLiveGeneration, readGenerations, type Generation } from './generations.js';
import type { Projection } from './projection.js';
import { rebuildProjection, type RebuildResult } from './rebuild.js';
import { readStatuses, type ProjectionStatus } from './status.js';
import { ProjectionWorker, type WorkerOptions, type WorkerOutcome, type WorkerProgress } from './worker.js';

export interface RunnerOptions extends WorkerOptions {
  /** Rebuild (blue/green) a projection whose code version differs from the live one. */
  rebuildChangedVersions: boolean;
  /** Batch size of a rebuild: larger than live, since nobody waits for its first rows. */
  rebuildBatchSize: number;
  /** Wait before restarting a worker after an unexpected error, and between FAILED checks. */
  restartDelayMs: number;
}

export const DEFAULT_RUNNER_OPTIONS: RunnerOptions = {
  batchSize: 500,
  batchWindowMs: 50,
  retryAttempts: 3,
  retryInitialDelayMs: 200,
  headRefreshMs: 1000,
  rebuildChangedVersions: false,
  rebuildBatchSize: 10_000,
  restartDelayMs: 2000,
};

export class ProjectionRunner {
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];
  private readonly options: RunnerOptions;

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    readonly projections: readonly Projection[],
    private readonly logger: Logger,
    options: Partial<RunnerOptions> = {},
  ) {
    this.options = { ...DEFAULT_RUNNER_OPTIONS, ...options };
  }

  projection(name: string): Projection {
    const found = this.projections.find((projection) => projection.name === name);
    if (!found) throw new Error(`Unknown projection "${name}"; known: ${this.projections.map((p) => p.name).join(', ')}`);
    return found;
  }

  async migrate(): Promise<void> {
    await migrateControlSchema(this.pool);
  }

  /** Starts a supervised live worker per projection and returns at once. */
  async start(): Promise<void> {
    await this.migrate();
    for (const projection of this.projections) this.loops.push(this.supervise(projection));
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.loops);
  }

  /** Brings every live generation to the current head, then returns (tests, one-shot jobs). */
  async catchUp(atLeast?: Position): Promise<Record<string, WorkerOutcome>> {
    await this.migrate();
    const outcomes: Record<string, WorkerOutcome> = {};
    for (const projection of this.projections) {
      const live = await ensureLiveGeneration(this.pool, projection);
      outcomes[projection.name] = await this.worker(projection, live).run(this.abort.signal, { untilCaughtUp: true, rebuilding: false, atLeast });
    }
    return outcomes;
  }

  async rebuild(name: string, options: { onProgress?: (progress: WorkerProgress) => void; atLeast?: Position } = {}): Promise<RebuildResult> {
    await this.migrate();
    const log = this.logger.child({ projection: name });
    return rebuildProjection(this.pool, this.store, this.projection(name), {
      ...options,
      worker: { ...this.options, batchSize: this.options.rebuildBatchSize },
      logger: log,
      signal: this.abort.signal,
    });
  }

  async statuses(): Promise<ProjectionStatus[]> {
    await this.migrate();
    return readStatuses(this.pool, await this.store.headPosition());
  }

  private worker(projection: Projection, generation: Generation, onProgress?: (p: WorkerProgress) => void): ProjectionWorker {
    const log = this.logger.child({ projection: projection.name, generation: generation.generation });
    return new ProjectionWorker(this.pool, this.store, projection, generation, this.options, log, onProgress);
  }

  private async supervise(projection: Projection): Promise<void> {
    const signal = this.abort.signal;
    const log = this.logger.child({ projection: projection.name });
    while (!signal.aborted) {
      try {
        const live = await ensureLiveGeneration(this.pool, projection);
        if (live.version !== projection.version) {
          if (this.options.rebuildChangedVersions) {
            log.info({ liveVersion: live.version, codeVersion: projection.version }, 'version changed: rebuilding');
            await this.rebuild(projection.name);
          } else {
            await this.markVersionMismatch(live, projection);
            await this.waitForSwitch(live, signal);
          }
          continue;
        }
        const outcome = await this.worker(projection, live).run(signal, { untilCaughtUp: false, rebuilding: false });
        if (outcome === 'failed') await this.waitForSwitch(live, signal);
        // 'retired': a rebuild switched the views; loop to follow the new live generation.
      } catch (error) {
        if (signal.aborted) break;
        log.error({ err: error }, 'projection worker crashed; restarting');
        await sleep(this.options.restartDelayMs, signal);
      }
    }
  }

  private async markVersionMismatch(live: Generation, projection: Projection): Promise<void> {
    const error = `live tables are version ${live.version}, the code is version ${projection.version}: run \`roadledger projections rebuild ${projection.name}\``;
    this.logger.warn({ projection: projection.name }, error);
    await this.pool.query(
      `UPDATE ${CONTROL_SCHEMA}.projection_status SET state = 'FAILED', error = $3, updated_at = now() WHERE name = $1 AND generation = $2`,
      [live.name, live.generation, error],
    );
  }

  /** A FAILED generation stays as it is until a rebuild replaces it (or the runner stops). */
  private async waitForSwitch(live: Generation, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await sleep(this.options.restartDelayMs, signal);
      const current = (await readGenerations(this.pool, live.name)).live;
      if (current?.generation !== live.generation) return;
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
