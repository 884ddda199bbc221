// The restart rules of a model's thread, with threads under the test's control and fake
// timers (the real thread dying is in risk-model-restart.int.spec.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelThread } from './model-thread.js';
import { restartingModelThread, type RestartPolicy } from './restarting-model-thread.js';

/** Starts that succeed or fail as the test lists them; each started thread can be killed. */
function threads(outcomes: Array<'loads' | Error>) {
  const started: Array<{ kill: (error: Error) => void; closed: boolean }> = [];
  let calls = 0;
  const start = (onStop: (error: Error) => void): Promise<ModelThread> => {
    const outcome = outcomes[calls++] ?? 'loads';
    if (outcome instanceof Error) return Promise.reject(outcome);
    const handle = { kill: onStop, closed: false };
    started.push(handle);
    return Promise.resolve({
      inputs: [],
      outputs: [],
      run: () => Promise.resolve(Float32Array.from([started.indexOf(handle)])),
      exitThread: () => {},
      close: async () => void (handle.closed = true),
    });
  };
  return { start, started, calls: () => calls };
}

const policy: RestartPolicy = { initialDelayMs: 100, maxDelayMs: 250, maxRestarts: 4 };
const row = Float32Array.from([0, 0, 0, 0]);
const reason = async (promise: Promise<unknown>) => promise.then(() => 'answered', (error: Error) => error.message);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("a model's thread that dies", () => {
  it('is restarted after a delay that doubles with each failed restart, up to the cap, and answers again', async () => {
    const model = threads(['loads', new Error('no memory'), new Error('no memory'), 'loads']);
    const delays: number[] = [];
    const failed: number[] = [];
    const thread = await restartingModelThread(model.start, policy, { stopped: (_e, _r, delayMs) => delays.push(delayMs), restartFailed: (_e, restart) => failed.push(restart) });

    model.started[0]!.kill(new Error('the thread stopped (exit code 1)'));
    expect(await reason(thread.run(row))).toBe('the thread stopped (exit code 1); restart 1 of 4 under way; not called');
    await vi.advanceTimersByTimeAsync(100);
    expect(await reason(thread.run(row))).toBe('no memory; restart 2 of 4 under way; not called');
    await vi.advanceTimersByTimeAsync(200);
    await vi.advanceTimersByTimeAsync(249);
    expect(model.calls()).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(model.calls()).toBe(4);

    expect(delays).toEqual([100, 200, 250]);
    expect(failed).toEqual([1, 2]);
    await expect(thread.run(row)).resolves.toEqual(Float32Array.from([1]));
  });

  it('is left down once its restarts in a row reach the bound, and says so', async () => {
    const model = threads(['loads', new Error('bad'), new Error('bad'), new Error('bad'), new Error('bad')]);
    const gaveUp: number[] = [];
    const thread = await restartingModelThread(model.start, policy, { gaveUp: (_e, restarts) => gaveUp.push(restarts) });
    model.started[0]!.kill(new Error('the thread failed'));
    await vi.advanceTimersByTimeAsync(10_000);

    expect(model.calls()).toBe(5);
    expect(gaveUp).toEqual([4]);
    expect(await reason(thread.run(row))).toBe('bad; not restarted again after 4 restarts in a row; not called');
  });

  it('is not restarted once closed', async () => {
    const model = threads(['loads', 'loads']);
    const thread = await restartingModelThread(model.start, policy);
    model.started[0]!.kill(new Error('gone'));
    await thread.close();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(model.calls()).toBe(1);
  });
});
