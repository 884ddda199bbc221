// The real ONNX fixtures (tools/models/risk/build-risk-models.py) on onnxruntime-node:
// sigmoid(features . [1, 2, 0.5, 1.5] - 3), so each score below follows from the weights.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { loadRiskModel, riskScorer } from './risk-model.js';

const fixture = (name: string) => `test/fixtures/models/risk/${name}`;
const sha256 = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');
const logger = createLogger('silent');
// Far above the microseconds these models take: these specs are about the answers, not the limit.
const timeoutMs = 10_000;
const loadTimeoutMs = 30_000;

describe('an ONNX risk model given by path', () => {
  it('scores sigmoid(w . x + b) of the factors, and names the model by file and SHA-256', async () => {
    const scorer = await riskScorer(fixture('risk-linear.onnx'), logger, timeoutMs, loadTimeoutMs);
    // One confirmed offence, recent: 1 + 2 - 3 = 0, sigmoid 0.5.
    const once = await scorer.score({ confirmedOffences: 1, recentOffences: 1, mostRepeatedTypeCount: 1, unpaidFines: 0 });
    expect(once.score).toBe(50);
    expect(once.scorer).toEqual({
      kind: 'MODEL',
      model: { fileName: 'risk-linear.onnx', sha256: await sha256(fixture('risk-linear.onnx')) },
      modelOutput: 0.5,
      fallbackReason: null,
    });
    expect(once.factors.map((factor) => [factor.name, factor.value])).toEqual([
      ['confirmed_offences', 1],
      ['recent_offences', 1],
      ['repeat_offences', 0],
      ['unpaid_fines', 0],
    ]);
    // No offence: sigmoid(-3) = 0.0474.
    const clean = await scorer.score({ confirmedOffences: 0, recentOffences: 0, mostRepeatedTypeCount: 0, unpaidFines: 0 });
    expect(clean.scorer.modelOutput).toBeCloseTo(1 / (1 + Math.exp(3)), 6);
    expect(clean.score).toBe(5);
    // 3 + 2*2 + 0.5*1 + 1.5*1 - 3 = 6: sigmoid 0.9975.
    const repeat = await scorer.score({ confirmedOffences: 3, recentOffences: 2, mostRepeatedTypeCount: 2, unpaidFines: 1 });
    expect(repeat.scorer.modelOutput).toBeCloseTo(1 / (1 + Math.exp(-6)), 6);
    expect(repeat.score).toBe(100);
  });

  it('refuses at load a model whose input does not match the features, saying why', async () => {
    await expect(loadRiskModel(fixture('risk-three-features.onnx'), { timeoutMs, loadTimeoutMs })).rejects.toThrow(
      'RISK_MODEL_PATH: model risk-three-features.onnx has input "features" float32 [batch, 3]; expected one float32 input "features" of shape [batch, 4]',
    );
    await expect(loadRiskModel(fixture('missing.onnx'), { timeoutMs, loadTimeoutMs })).rejects.toThrow(/^RISK_MODEL_PATH: cannot read test\/fixtures\/models\/risk\/missing.onnx/);
    await expect(loadRiskModel('tools/models/risk/build-risk-models.py', { timeoutMs, loadTimeoutMs })).rejects.toThrow(/RISK_MODEL_PATH: build-risk-models.py is not a model onnxruntime can load/);
    // What the start awaits: it fails the same way, and is not remembered as loaded.
    await expect(riskScorer(fixture('risk-three-features.onnx'), logger, timeoutMs, loadTimeoutMs)).rejects.toThrow(/has input "features" float32 \[batch, 3\]/);
    await expect(riskScorer(fixture('risk-three-features.onnx'), logger, timeoutMs, loadTimeoutMs)).rejects.toThrow(/has input/);
  });

  it('lets the formula answer, and says so, when the model answers something that is no risk', async () => {
    const scorer = await riskScorer(fixture('risk-unbounded.onnx'), logger, timeoutMs, loadTimeoutMs);
    const risk = await scorer.score({ confirmedOffences: 3, recentOffences: 2, mostRepeatedTypeCount: 2, unpaidFines: 1 });
    expect(risk.scorer).toEqual({
      kind: 'FORMULA',
      model: { fileName: 'risk-unbounded.onnx', sha256: await sha256(fixture('risk-unbounded.onnx')) },
      modelOutput: null,
      fallbackReason: 'model risk-unbounded.onnx failed: the model answered 6, not a risk between 0 and 1',
    });
    expect(risk.score).toBe(58);
    expect(risk.factors.map((factor) => factor.points)).toEqual([15, 20, 8, 15]);
  });
});
