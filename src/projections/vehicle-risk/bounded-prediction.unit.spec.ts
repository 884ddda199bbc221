// The time limit on a model call, with a model under the test's control and fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boundedPrediction, ModelUnavailableError } from './bounded-prediction.js';

/** A model that answers only when the test says so, and remembers what it was asked. */
function heldModel() {
  const calls: { features: number[]; answer: (output: number) => void; fail: (error: Error) => void }[] = [];
  const predict = (features: Float32Array) =>
    new Promise<number>((answer, fail) => {
      calls.push({ features: [...features], answer, fail });
    });
  return { calls, predict };
}

const row = (first: number) => Float32Array.from([first, 0, 0, 0]);
const settled = async <T>(promise: Promise<T>) => promise.then((value) => ({ value }), (error: unknown) => ({ error }));

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a model call with a time limit', () => {
  it('answers what the model answers within the limit, and passes its errors on', async () => {
    const model = heldModel();
    const predict = boundedPrediction(model.predict, { timeoutMs: 100 });
    const first = predict(row(1));
    await vi.advanceTimersByTimeAsync(60);
    model.calls[0]!.answer(0.25);
    await expect(first).resolves.toBe(0.25);
    const second = settled(predict(row(2)));
    await vi.advanceTimersByTimeAsync(0);
    model.calls[1]!.fail(new Error('session closed'));
    expect(await second).toEqual({ error: new Error('session closed') });
  });

  it('gives up on a call at the limit, saying so, and reports when the abandoned run ends', async () => {
    const model = heldModel();
    const late: number[] = [];
    const predict = boundedPrediction(model.predict, { timeoutMs: 100, onLateEnd: (ranMs) => late.push(ranMs) });
    const call = settled(predict(row(1)));
    await vi.advanceTimersByTimeAsync(100);
    const { error } = (await call) as { error: ModelUnavailableError };
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('no answer within 100 ms (RISK_MODEL_TIMEOUT_MS); the run goes on and is ignored');
    await vi.advanceTimersByTimeAsync(2_400);
    model.calls[0]!.answer(0.5);
    await vi.advanceTimersByTimeAsync(0);
    expect(late).toEqual([2_500]);
  });

  it('while an abandoned run goes on, fails every call at once without calling the model, then calls it again', async () => {
    const model = heldModel();
    const predict = boundedPrediction(model.predict, { timeoutMs: 100 });
    const stuck = settled(predict(row(1)));
    await vi.advanceTimersByTimeAsync(150);
    await stuck;
    const meanwhile = await settled(predict(row(2)));
    expect(meanwhile).toEqual({ error: expect.objectContaining({ kind: 'busy', message: 'it is still running a call that started 150 ms ago, past the limit of 100 ms (RISK_MODEL_TIMEOUT_MS); not called' }) });
    expect(model.calls.map((call) => call.features[0])).toEqual([1]);

    model.calls[0]!.answer(0.5);
    await vi.advanceTimersByTimeAsync(0);
    const after = predict(row(3));
    await vi.advanceTimersByTimeAsync(0);
    expect(model.calls.map((call) => call.features[0])).toEqual([1, 3]);
    model.calls[1]!.answer(0.75);
    await expect(after).resolves.toBe(0.75);
  });

  it('hands the model one call at a time, in order', async () => {
    const model = heldModel();
    const predict = boundedPrediction(model.predict, { timeoutMs: 100 });
    const answers = [predict(row(1)), predict(row(2)), predict(row(3))];
    await vi.advanceTimersByTimeAsync(0);
    expect(model.calls).toHaveLength(1);
    model.calls[0]!.answer(0.1);
    await vi.advanceTimersByTimeAsync(0);
    expect(model.calls).toHaveLength(2);
    model.calls[1]!.answer(0.2);
    await vi.advanceTimersByTimeAsync(0);
    model.calls[2]!.answer(0.3);
    expect(await Promise.all(answers)).toEqual([0.1, 0.2, 0.3]);
    expect(model.calls.map((call) => call.features[0])).toEqual([1, 2, 3]);
  });

  it('counts the wait in line against the limit', async () => {
    const model = heldModel();
    const predict = boundedPrediction(model.predict, { timeoutMs: 100 });
    const first = predict(row(1));
    await vi.advanceTimersByTimeAsync(50);
    const second = settled(predict(row(2)));
    await vi.advanceTimersByTimeAsync(40);
    model.calls[0]!.answer(0.1);
    await expect(first).resolves.toBe(0.1);
    await vi.advanceTimersByTimeAsync(59);
    expect(model.calls.map((call) => call.features[0])).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(1); // 100 ms since the second was asked, 60 of them its run
    expect(await second).toEqual({ error: expect.objectContaining({ kind: 'timeout', message: 'no answer within 100 ms (RISK_MODEL_TIMEOUT_MS); the run goes on and is ignored' }) });
  });

  it('fails at once the calls waiting behind a run that goes over the limit', async () => {
    const model = heldModel();
    const predict = boundedPrediction(model.predict, { timeoutMs: 100 });
    const stuck = settled(predict(row(1)));
    await vi.advanceTimersByTimeAsync(30);
    const behind = settled(predict(row(2)));
    await vi.advanceTimersByTimeAsync(70);
    expect(await stuck).toEqual({ error: expect.objectContaining({ kind: 'timeout' }) });
    expect(await behind).toEqual({ error: expect.objectContaining({ kind: 'busy', message: expect.stringMatching(/^it is still running a call that started 100 ms ago/) }) });
    expect(model.calls).toHaveLength(1);
  });
});
