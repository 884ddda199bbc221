// Keeps a model's thread running. A thread that dies (an uncaught error, an exit) is started
// again after a backoff that doubles with each restart in a row; a restart counts as "in a
// row" until the model answers a call, so a model that kills its thread on every call is given
// up on after `maxRestarts`. While no thread runs, calls fail at once saying why, and the
// formula answers (see risk-scorer.ts).
import { ModelUnavailableError } from './bounded-prediction.js';
import type { ModelThread } from './model-thread.js';

export interface RestartPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Restarts in a row (with no answer between them) before the thread is left down. */
  maxRestarts: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialDelayMs: 500, maxDelayMs: 30_000, maxRestarts: 5 };

/** What the supervisor tells its owner (logs, metrics); `restart` counts from 1 in each run of failures. */
export interface RestartEvents {
  stopped?: (error: Error, restart: number, delayMs: number) => void;
  restarted?: (restart: number) => void;
  restartFailed?: (error: Error, restart: number) => void;
  gaveUp?: (error: Error, restarts: number) => void;
}

/** Starts a thread; it calls `onStop` when that thread dies after loading. */
export type StartThread = (onStop: (error: Error) => void) => Promise<ModelThread>;

export interface RestartingModelThread {
  run(features: Float32Array): Promise<Float32Array>;
  /** The running thread's exitThread (nothing while none runs). */
  exitThread(code: number): void;
  close(): Promise<void>;
}

/** Starts the first thread (its failure is the caller's: a start refuses the model) and keeps one running. */
export async function restartingModelThread(start: StartThread, policy: RestartPolicy, events: RestartEvents = {}): Promise<RestartingModelThread> {
  let thread: ModelThread | null = null;
  let down: { error: Error; restart: number } | { error: Error; gaveUp: number } | null = null;
  let restartsInARow = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  function stopped(error: Error): void {
    thread = null;
    if (closed) return;
    if (restartsInARow >= policy.maxRestarts) {
      down = { error, gaveUp: restartsInARow };
      events.gaveUp?.(error, restartsInARow);
      return;
    }
    restartsInARow++;
    const delayMs = Math.min(policy.initialDelayMs * 2 ** (restartsInARow - 1), policy.maxDelayMs);
    down = { error, restart: restartsInARow };
    events.stopped?.(error, restartsInARow, delayMs);
    // A pending restart must not keep an otherwise finished process alive.
    timer = setTimeout(() => void restart(restartsInARow), delayMs).unref();
  }

  async function restart(attempt: number): Promise<void> {
    try {
      const started = await start(stopped);
      if (closed) return void (await started.close());
      thread = started;
      down = null;
      events.restarted?.(attempt);
    } catch (error) {
      events.restartFailed?.(error as Error, attempt);
      stopped(error as Error);
    }
  }

  function unavailable(): ModelUnavailableError {
    const why = down!.error.message;
    const state = 'gaveUp' in down! ? `not restarted again after ${down!.gaveUp} restarts in a row` : `restart ${down!.restart} of ${policy.maxRestarts} under way`;
    return new ModelUnavailableError(`${why}; ${state}; not called`, 'down');
  }

  thread = await start(stopped);
  return {
    run(features) {
      if (!thread) return Promise.reject(unavailable());
      return thread.run(features).then((output) => {
        restartsInARow = 0;
        return output;
      });
    },
    exitThread(code) {
      thread?.exitThread(code);
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await thread?.close();
    },
  };
}
