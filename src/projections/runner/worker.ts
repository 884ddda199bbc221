// Runs one generation of one projection: subscribes from its checkpoint, applies batches,
// retries a failing batch with backoff, then isolates the poison event and either stops
// in FAILED (naming its position and error) or skips it on record.
import type { Pool } from 'pg';
import type { Logger } from '../../app/logger.js';
import { comparePositions, formatPosition, type EventStore, type Position, type RecordedEvent } from '../../event-store/port.js';
import { commitBatch, readCheckpoint } from './batch-transaction.js';
import { EventBuffer } from './event-buffer.js';
import type { Generation } from './generations.js';
import type { Projection, ProjectionState } from './projection.js';
import { recordBatch, recordState } from './metrics.js';
import { lagEvents, writeFailure, type Progress } from './status.js';

export interface WorkerOptions {
  batchSize: number;
  batchWindowMs: number;
  retryAttempts: number;
  retryInitialDelayMs: number;
  /** How often the head position is re-read for lag and state. */
  headRefreshMs: number;
}

export type WorkerOutcome = 'stopped' | 'retired' | 'failed' | 'caught-up';

export interface WorkerProgress {
  processed: number;
  checkpoint: Position;
  head: Position;
  eventsPerSecond: number;
}

export class ProjectionWorker {
  private head: Position = { commit: 0n, prepare: 0n };
  private headReadAt = 0;
  private rate = { since: Date.now(), count: 0, perSecond: 0 };

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly projection: Projection,
    readonly generation: Generation,
    private readonly options: WorkerOptions,
    private readonly logger: Logger,
    private readonly onProgress?: (progress: WorkerProgress) => void,
  ) {}

  /**
   * Live until stopped, retired or failed; with `untilCaughtUp`, returns once it reaches the
   * head (and `atLeast`). A generation being rebuilt reports REBUILDING whatever its lag.
   */
  async run(signal: AbortSignal, mode: { untilCaughtUp: boolean; rebuilding: boolean; atLeast?: Position }): Promise<WorkerOutcome> {
    const { untilCaughtUp, rebuilding, atLeast } = mode;
    const start = await readCheckpoint(this.pool, this.generation);
    if (!start) return 'retired';
    let checkpoint = start.position;
    let processed = start.processed;
    const subscription = this.store.subscribeToAll({ fromPosition: checkpoint });
    const stop = (): void => void subscription.close();
    signal.addEventListener('abort', stop);
    // One batch ahead keeps reading and writing overlapped; more only holds memory. The
    // events this projection does not handle only move its checkpoint: their data is dropped.
    const handled = new Set(this.projection.eventTypes);
    const retain = (event: RecordedEvent): RecordedEvent => (handled.has(event.type) ? event : { ...event, data: null });
    const buffer = new EventBuffer(subscription, Math.max(this.options.batchSize, 4_000), retain);
    try {
      await this.refreshHead(true);
      while (!signal.aborted) {
        // The head only counts transactions older than every running one (cluster-wide), so
        // `atLeast` lets a caller insist on a position it knows is committed.
        const reached = (): boolean => comparePositions(checkpoint, this.head) >= 0 && (!atLeast || comparePositions(checkpoint, atLeast) >= 0);
        if (untilCaughtUp && reached()) {
          await this.refreshHead(true);
          if (reached()) return 'caught-up';
        }
        const batch = await buffer.take(this.options.batchSize, this.options.batchWindowMs);
        if (batch === null) return 'stopped';
        // A short batch that emptied the buffer means the subscription has nothing more: live.
        const drained = batch.length < this.options.batchSize && buffer.size === 0;
        const state: ProjectionState = rebuilding ? 'REBUILDING' : drained ? 'LIVE' : 'CATCHING_UP';
        const outcome = await this.applyWithRetries(batch, signal, state);
        if (outcome.kind !== 'committed') return outcome.kind;
        checkpoint = outcome.checkpoint;
        processed += outcome.applied;
        const lag = state === 'LIVE' ? 0 : lagEvents(checkpoint, this.head);
        recordBatch(this.projection.name, outcome.applied, lag, state === 'CATCHING_UP' && lag === 0 ? 'LIVE' : state);
        this.onProgress?.({ processed, checkpoint, head: this.head, eventsPerSecond: this.rate.perSecond });
      }
      return 'stopped';
    } finally {
      signal.removeEventListener('abort', stop);
      buffer.stop();
      await subscription.close();
    }
  }

  private async applyWithRetries(
    events: readonly RecordedEvent[],
    signal: AbortSignal,
    state: ProjectionState,
  ): Promise<{ kind: 'committed'; checkpoint: Position; applied: number } | { kind: 'retired' | 'failed' | 'stopped' }> {
    await this.refreshHead(false);
    const progress = (checkpoint: Position, last: RecordedEvent): Progress => ({
      state: state === 'CATCHING_UP' && comparePositions(checkpoint, this.head) >= 0 ? 'LIVE' : state,
      // When live, the head may have moved since it was read: the checkpoint is the better bound.
      head: state === 'LIVE' || comparePositions(checkpoint, this.head) > 0 ? checkpoint : this.head,
      checkpoint,
      eventsPerSecond: this.countRate(events.length),
      lastEventRecordedAt: last.recordedAt,
    });
    let lastError: unknown;
    for (let attempt = 0; attempt < this.options.retryAttempts; attempt++) {
      if (signal.aborted) return { kind: 'stopped' };
      try {
        return await commitBatch(this.pool, this.projection, this.generation, { events, progress });
      } catch (error) {
        lastError = error;
        const delayMs = this.options.retryInitialDelayMs * 2 ** attempt;
        this.logger.warn({ err: error, projection: this.projection.name, attempt, events: events.length, retryInMs: delayMs }, 'projection batch failed');
        if (attempt < this.options.retryAttempts - 1) await sleep(delayMs);
      }
    }
    if (events.length > 1) return this.isolatePoison(events, signal, state);
    const poison = events[0]!;
    const error = lastError instanceof Error ? lastError.message : String(lastError);
    const at = formatPosition(poison.position);
    if (this.projection.skipPoisonEvents) {
      this.logger.error({ projection: this.projection.name, position: at, eventId: poison.metadata.eventId, error }, 'projection skipped a poison event');
      return commitBatch(this.pool, this.projection, this.generation, { events, progress, skipError: error });
    }
    this.logger.error({ projection: this.projection.name, position: at, eventId: poison.metadata.eventId, error }, 'projection FAILED on a poison event');
    await writeFailure(this.pool, this.generation, { position: poison.position, eventId: poison.metadata.eventId, error });
    recordState(this.projection.name, 'FAILED');
    return { kind: 'failed' };
  }

  /** Replays a failed batch one event at a time: the good ones commit, the poison one is named. */
  private async isolatePoison(
    events: readonly RecordedEvent[],
    signal: AbortSignal,
    state: ProjectionState,
  ): Promise<{ kind: 'committed'; checkpoint: Position; applied: number } | { kind: 'retired' | 'failed' | 'stopped' }> {
    let applied = 0;
    let checkpoint: Position | undefined;
    for (const event of events) {
      const outcome = await this.applyWithRetries([event], signal, state);
      if (outcome.kind !== 'committed') return outcome;
      applied += outcome.applied;
      checkpoint = outcome.checkpoint;
    }
    return { kind: 'committed', checkpoint: checkpoint!, applied };
  }

  private countRate(count: number): number {
    const now = Date.now();
    this.rate.count += count;
    const elapsed = now - this.rate.since;
    if (elapsed >= 1000) {
      this.rate = { since: now, count: 0, perSecond: Math.round((this.rate.count * 1000) / elapsed) };
    } else if (this.rate.perSecond === 0 && elapsed > 0) {
      return Math.round((this.rate.count * 1000) / elapsed);
    }
    return this.rate.perSecond;
  }

  private async refreshHead(force: boolean): Promise<void> {
    if (!force && Date.now() - this.headReadAt < this.options.headRefreshMs) return;
    this.head = await this.store.headPosition();
    this.headReadAt = Date.now();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
