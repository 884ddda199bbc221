import { describe, expect, it } from 'vitest';
import { checkModelSignature, featureVector, scoreFromModelOutput, type ValueSignature } from './risk-features.js';
import { riskScore } from './risk-score.js';

const input = (shape: (number | string)[], overrides: Partial<ValueSignature> = {}): ValueSignature => ({ name: 'features', isTensor: true, type: 'float32', shape, ...overrides });
const output = (shape: (number | string)[], overrides: Partial<ValueSignature> = {}): ValueSignature => ({ name: 'risk', isTensor: true, type: 'float32', shape, ...overrides });

describe('the feature vector a risk model receives', () => {
  it('holds the factor values in the documented order, whatever order the factors come in', () => {
    const factors = riskScore({ confirmedOffences: 3, recentOffences: 2, mostRepeatedTypeCount: 3, unpaidFines: 1 }).factors;
    expect([...featureVector([...factors].reverse())]).toEqual([3, 2, 2, 1]);
    expect(featureVector(factors)).toBeInstanceOf(Float32Array);
  });

  it('refuses factors that lack one of the features, naming it', () => {
    expect(() => featureVector([{ name: 'confirmed_offences', value: 1 }])).toThrow('the risk factors lack "recent_offences", the model\'s feature 1');
  });
});

describe("a risk model's signature, checked at load", () => {
  it('accepts one float32 input "features" of [batch, 4] and one output of [batch, 1] or [batch]', () => {
    expect(() => checkModelSignature('m.onnx', [input(['batch', 4])], [output(['batch', 1])])).not.toThrow();
    expect(() => checkModelSignature('m.onnx', [input([1, 4])], [output([1])])).not.toThrow();
    expect(() => checkModelSignature('m.onnx', [input([-1, 4])], [output(['n', 'one'])])).not.toThrow();
  });

  it('refuses a model built for another number of features, saying what it has and what it needs', () => {
    expect(() => checkModelSignature('old.onnx', [input(['batch', 3])], [output(['batch', 1])])).toThrow(
      'RISK_MODEL_PATH: model old.onnx has input "features" float32 [batch, 3]; expected one float32 input "features" of shape [batch, 4] (confirmed_offences, recent_offences, repeat_offences, unpaid_fines)',
    );
  });

  it('refuses another input name, another type, a fixed batch above one, or a second input', () => {
    const refusals = [
      [input(['batch', 4], { name: 'x' })],
      [input(['batch', 4], { type: 'float64' })],
      [input([8, 4])],
      [input(['batch', 4]), input(['batch', 4], { name: 'extra' })],
      [{ name: 'features', isTensor: false }],
      [],
    ];
    for (const inputs of refusals) expect(() => checkModelSignature('m.onnx', inputs, [output(['batch', 1])]), JSON.stringify(inputs)).toThrow(/has input .*; expected/);
  });

  it('refuses an output that is not one value per vehicle', () => {
    expect(() => checkModelSignature('m.onnx', [input(['batch', 4])], [output(['batch', 2])])).toThrow(
      'RISK_MODEL_PATH: model m.onnx has output "risk" float32 [batch, 2]; expected one float32 output of shape [batch, 1] or [batch] (the risk, 0 to 1)',
    );
    expect(() => checkModelSignature('m.onnx', [input(['batch', 4])], [output(['batch', 1]), output(['batch', 1], { name: 'b' })])).toThrow(/has output/);
    expect(() => checkModelSignature('m.onnx', [input(['batch', 4])], [])).toThrow('has output none');
  });
});

describe("the score of a model's answer", () => {
  it('is the probability in percent, rounded', () => {
    expect(scoreFromModelOutput(0.5)).toBe(50);
    expect(scoreFromModelOutput(0.0474)).toBe(5);
    expect(scoreFromModelOutput(1)).toBe(100);
  });

  it('refuses an answer that is no probability', () => {
    expect(() => scoreFromModelOutput(1.5)).toThrow('the model answered 1.5, not a risk between 0 and 1');
    expect(() => scoreFromModelOutput(Number.NaN)).toThrow('the model answered NaN');
    expect(() => scoreFromModelOutput(-0.1)).toThrow('not a risk between 0 and 1');
  });
});
