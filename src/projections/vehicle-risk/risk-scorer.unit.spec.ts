import { describe, expect, it } from 'vitest';
import { formulaScorer, modelScorer, type RiskModel } from './risk-scorer.js';

const history = { confirmedOffences: 1, recentOffences: 1, mostRepeatedTypeCount: 1, unpaidFines: 0 };
const identity = { fileName: 'risk.onnx', sha256: 'ab'.repeat(32) };
const answering = (predict: RiskModel['predict']): RiskModel => ({ ...identity, predict });

describe('the risk scorer', () => {
  it('with no model, is the formula and says so', async () => {
    const risk = await formulaScorer.score(history);
    expect(risk.score).toBe(15);
    expect(risk.scorer).toEqual({ kind: 'FORMULA', model: null, modelOutput: null, fallbackReason: null });
  });

  it('with a model, scores from its answer to the factors and still shows the factors as inputs', async () => {
    const seen: number[][] = [];
    const risk = await modelScorer(
      answering((features) => {
        seen.push([...features]);
        return Promise.resolve(0.734);
      }),
    ).score(history);
    expect(seen).toEqual([[1, 1, 0, 0]]);
    expect(risk.score).toBe(73);
    expect(risk.scorer).toEqual({ kind: 'MODEL', model: identity, modelOutput: 0.734, fallbackReason: null });
    expect(risk.factors).toEqual([
      { name: 'confirmed_offences', value: 1, weight: null, points: null },
      { name: 'recent_offences', value: 1, weight: null, points: null },
      { name: 'repeat_offences', value: 0, weight: null, points: null },
      { name: 'unpaid_fines', value: 0, weight: null, points: null },
    ]);
  });

  it('when the model fails, answers with the formula and says which model failed and why', async () => {
    const fallbacks: string[] = [];
    const risk = await modelScorer(
      answering(() => Promise.reject(new Error('session closed'))),
      (reason) => fallbacks.push(reason),
    ).score(history);
    expect(risk).toEqual({ ...(await formulaScorer.score(history)), scorer: { kind: 'FORMULA', model: identity, modelOutput: null, fallbackReason: 'model risk.onnx failed: session closed' } });
    expect(fallbacks).toEqual(['model risk.onnx failed: session closed']);
  });

  it('treats an answer that is no probability as a failure', async () => {
    const risk = await modelScorer(answering(() => Promise.resolve(7))).score(history);
    expect(risk.scorer).toMatchObject({ kind: 'FORMULA', fallbackReason: 'model risk.onnx failed: the model answered 7, not a risk between 0 and 1' });
    expect(risk.score).toBe(15);
  });
});
