// The risk model's thread dying for real (process.exit on the worker thread, through the
// model's exitThread) and being started again, on the real risk-linear.onnx; and a load past
// RISK_MODEL_LOAD_TIMEOUT_MS refused.
import { setTimeout as sleep } from 'node:timers/promises';
import { register } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { capturedLogger } from '../../../test/support/captured-logger.js';
import { createLogger } from '../../app/logger.js';
import { loadRiskModel, scorerReporting, type LoadedRiskModel } from './risk-model.js';

const LINEAR = 'test/fixtures/models/risk/risk-linear.onnx';
// One confirmed, recent offence: the model says sigmoid(0) = 0.5 (score 50), the formula 15.
const history = { confirmedOffences: 1, recentOffences: 1, mostRepeatedTypeCount: 1, unpaidFines: 0 };
const limits = { timeoutMs: 10_000, loadTimeoutMs: 30_000 };
let model: LoadedRiskModel | undefined;

afterEach(async () => {
  await model?.thread.close();
  model = undefined;
});

async function counted(name: string, label: string, value: string): Promise<number> {
  const metric = await register.getSingleMetric(name)?.get();
  return metric?.values.find((each) => each.labels[label] === value)?.value ?? 0;
}

async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}

describe("a risk model whose thread dies", () => {
  it('answers with the formula and why while the thread is down, restarts it after the backoff, and scores again', async () => {
    const { lines, logger } = capturedLogger('info');
    model = await loadRiskModel(LINEAR, { ...limits, logger, restartPolicy: { initialDelayMs: 300, maxDelayMs: 1_000, maxRestarts: 3 } });
    const scorer = scorerReporting(model, logger);
    const [downBefore, restartedBefore] = [await counted('roadledger_risk_model_failures_total', 'kind', 'down'), await counted('roadledger_risk_model_thread_restarts_total', 'outcome', 'restarted')];
    expect((await scorer.score(history)).scorer.kind).toBe('MODEL');

    model.thread.exitThread(7);
    await until(() => lines.some((line) => line.msg === "the risk model's thread stopped; the formula answers until it is restarted"));
    const meanwhile = await scorer.score(history);
    expect(meanwhile.score).toBe(15);
    expect(meanwhile.scorer).toMatchObject({
      kind: 'FORMULA',
      model: { fileName: 'risk-linear.onnx' },
      fallbackReason: "model risk-linear.onnx failed: the model's thread stopped (exit code 7); restart 1 of 3 under way; not called",
    });
    expect(lines.find((line) => line.level === 40 && (line.msg as string).startsWith("the risk model's thread stopped"))).toMatchObject({ model: 'risk-linear.onnx', restart: 1, maxRestarts: 3, delayMs: 300 });

    await until(() => lines.some((line) => line.msg === "the risk model's thread was restarted"));
    const again = await scorer.score(history);
    expect(again.scorer).toMatchObject({ kind: 'MODEL', modelOutput: 0.5, fallbackReason: null });
    expect(again.score).toBe(50);
    expect(await counted('roadledger_risk_model_failures_total', 'kind', 'down')).toBe(downBefore + 1);
    expect(await counted('roadledger_risk_model_thread_restarts_total', 'outcome', 'restarted')).toBe(restartedBefore + 1);
  }, 60_000);

  it('gives up after the bound of restarts in a row with no answer between them, and the formula answers from then on', async () => {
    const { lines, logger } = capturedLogger('info');
    model = await loadRiskModel(LINEAR, { ...limits, logger, restartPolicy: { initialDelayMs: 50, maxDelayMs: 100, maxRestarts: 2 } });
    const scorer = scorerReporting(model, logger);
    const restarted = () => lines.filter((line) => line.msg === "the risk model's thread was restarted").length;

    for (let death = 0; death < 2; death++) {
      model.thread.exitThread(3);
      await until(() => restarted() === death + 1);
    }
    model.thread.exitThread(3);
    await until(() => lines.some((line) => line.level === 50));
    expect(lines.filter((line) => line.msg === "the risk model's thread stopped; the formula answers until it is restarted").map((line) => [line.restart, line.delayMs])).toEqual([[1, 50], [2, 100]]);
    expect(lines.find((line) => line.level === 50)).toMatchObject({ msg: "the risk model's thread is not restarted again; the formula answers", model: 'risk-linear.onnx', restarts: 2 });

    await sleep(300);
    const after = await scorer.score(history);
    expect(after.score).toBe(15);
    expect(after.scorer.fallbackReason).toBe("model risk-linear.onnx failed: the model's thread stopped (exit code 3); not restarted again after 2 restarts in a row; not called");
    expect(restarted()).toBe(2);
  }, 60_000);

  it('counts only restarts in a row: an answer between two deaths starts the count again', async () => {
    const { lines, logger } = capturedLogger('info');
    model = await loadRiskModel(LINEAR, { ...limits, logger, restartPolicy: { initialDelayMs: 50, maxDelayMs: 100, maxRestarts: 1 } });
    const scorer = scorerReporting(model, logger);
    for (let death = 0; death < 3; death++) {
      model.thread.exitThread(5);
      await until(() => lines.filter((line) => line.msg === "the risk model's thread was restarted").length === death + 1);
      expect((await scorer.score(history)).scorer.kind).toBe('MODEL');
    }
    expect(lines.some((line) => line.level === 50)).toBe(false);
  }, 60_000);
});

describe('RISK_MODEL_LOAD_TIMEOUT_MS', () => {
  it('refuses a model that does not load in time, naming the setting, and loads it with time enough', async () => {
    // Starting a thread and onnxruntime in it takes far more than 1 ms.
    await expect(loadRiskModel(LINEAR, { timeoutMs: 10_000, loadTimeoutMs: 1, logger: createLogger('silent') })).rejects.toThrow(
      'RISK_MODEL_LOAD_TIMEOUT_MS: model risk-linear.onnx did not load within 1 ms; its thread was stopped',
    );
    model = await loadRiskModel(LINEAR, limits);
    expect(await model.predict(Float32Array.from([1, 1, 0, 0]))).toBeCloseTo(0.5, 6);
  }, 60_000);
});
