// Transient failures (the store or the broker is down) are waited out with capped
// exponential backoff; only a stop request ends the waiting, and then the work counts as
// not done, so its offset is not committed.
import type { BatchControl } from '../port.js';

export interface BackoffSettings {
  initialDelayMs: number;
  maxDelayMs: number;
}

export class StopRequestedError extends Error {
  constructor() {
    super('consumer is stopping; the rest of the batch is left uncommitted');
    this.name = 'StopRequestedError';
  }
}

export async function retryUntilDone<T>(
  work: () => Promise<T>,
  control: BatchControl,
  backoff: BackoffSettings,
  onFailure: (error: unknown, attempt: number, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    if (control.isStopping()) throw new StopRequestedError();
    try {
      return await work();
    } catch (error) {
      if (isPermanent(error)) throw error;
      const delayMs = Math.min(backoff.maxDelayMs, backoff.initialDelayMs * 2 ** Math.min(attempt - 1, 20));
      onFailure(error, attempt, delayMs);
      await pause(delayMs, control);
    }
  }
}

/** Errors that retrying cannot fix are marked by the caller wrapping them in this. */
export class PermanentFailure extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'PermanentFailure';
  }
}

function isPermanent(error: unknown): boolean {
  return error instanceof PermanentFailure || error instanceof StopRequestedError;
}

async function pause(delayMs: number, control: BatchControl): Promise<void> {
  const until = Date.now() + delayMs;
  while (Date.now() < until && !control.isStopping()) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(50, until - Date.now())));
    await control.heartbeat().catch(() => undefined);
  }
}
