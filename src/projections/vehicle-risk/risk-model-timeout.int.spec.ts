// RISK_MODEL_TIMEOUT_MS against a model that is slow for real: risk-slow.onnx
// (tools/models/risk/build-risk-models.py) answers as risk-linear.onnx does, after a Loop of
// matrix products that takes about 2 s on one thread here, on onnxruntime-node.
import { setTimeout as sleep } from 'node:timers/promises';
import { register } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { capturedLogger } from '../../../test/support/captured-logger.js';
import { createLogger } from '../../app/logger.js';
import { riskScorer } from './risk-model.js';

const SLOW = 'test/fixtures/models/risk/risk-slow.onnx';
// One confirmed, recent offence: the model says sigmoid(0) = 0.5 (score 50), the formula 15.
const history = { confirmedOffences: 1, recentOffences: 1, mostRepeatedTypeCount: 1, unpaidFines: 0 };

async function failures(kind: 'timeout' | 'busy' | 'error'): Promise<number> {
  const metric = await register.getSingleMetric('roadledger_risk_model_failures_total')?.get();
  return metric?.values.find((value) => value.labels.kind === kind)?.value ?? 0;
}

describe('a risk model slower than RISK_MODEL_TIMEOUT_MS', () => {
  it('scores when the limit leaves it the time it needs', async () => {
    const scorer = await riskScorer(SLOW, createLogger('silent'), 60_000, 30_000);
    const risk = await scorer.score(history);
    expect(risk.scorer).toMatchObject({ kind: 'MODEL', modelOutput: 0.5, fallbackReason: null });
    expect(risk.score).toBe(50);
  });

  it('lets the formula answer at the limit, answers at once while the run goes on, and tries the model again once it ends', async () => {
    const { lines, logger } = capturedLogger('warn');
    const scorer = await riskScorer(SLOW, logger, 100, 30_000);
    const [timeoutsBefore, busyBefore] = [await failures('timeout'), await failures('busy')];

    const first = await scorer.score(history);
    expect(first.score).toBe(15);
    expect(first.scorer).toMatchObject({
      kind: 'FORMULA',
      model: { fileName: 'risk-slow.onnx' },
      modelOutput: null,
      fallbackReason: 'model risk-slow.onnx failed: no answer within 100 ms (RISK_MODEL_TIMEOUT_MS); the run goes on and is ignored',
    });

    // The session runs on its own thread: this one keeps turning while the model works.
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const second = await scorer.score(history);
    expect(second.score).toBe(15);
    expect(second.scorer.fallbackReason).toMatch(/^model risk-slow.onnx failed: it is still running a call that started \d+ ms ago, past the limit of 100 ms \(RISK_MODEL_TIMEOUT_MS\); not called$/);

    let again = second;
    for (let attempt = 0; attempt < 600 && again.scorer.fallbackReason?.includes('still running'); attempt++) {
      await sleep(100);
      again = await scorer.score(history);
    }
    clearInterval(ticker);
    // Once the abandoned run ended, the model was called again (and is as slow as ever).
    expect(again.scorer.fallbackReason).toBe(first.scorer.fallbackReason);
    expect(ticks).toBeGreaterThan(10);
    expect(await failures('timeout')).toBe(timeoutsBefore + 2);
    expect(await failures('busy')).toBeGreaterThanOrEqual(busyBefore + 1);
    const lateEnd = lines.find((line) => line.msg === 'a risk model run abandoned at the time limit has ended');
    expect(lateEnd).toMatchObject({ model: 'risk-slow.onnx', timeoutMs: 100 });
    expect(lateEnd!.ranMs as number).toBeGreaterThan(100);
  });
});
