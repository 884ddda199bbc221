// The contract between the risk read model and an ONNX risk model: the factors of
// risk-score.ts as one float32 row in a fixed, documented order, and the signature a model
// must have to receive it. Checked when the model loads, so a model trained on other
// features is refused at start-up rather than scoring nonsense.
import type { RiskFactor } from './risk-score.js';

/** The model's input row, in this order (README: "Risk score"). */
export const FEATURE_ORDER = ['confirmed_offences', 'recent_offences', 'repeat_offences', 'unpaid_fines'] as const satisfies readonly RiskFactor['name'][];
export const MODEL_INPUT_NAME = 'features';

/** What onnxruntime says about one of a model's inputs or outputs. */
export interface ValueSignature {
  name: string;
  isTensor: boolean;
  type?: string;
  /** Numbers are fixed sizes, strings symbolic ones (a batch dimension). */
  shape?: readonly (number | string)[];
}

export class RiskModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RiskModelError';
  }
}

export function featureVector(factors: readonly Pick<RiskFactor, 'name' | 'value'>[]): Float32Array {
  return Float32Array.from(
    FEATURE_ORDER.map((name) => {
      const factor = factors.find((candidate) => candidate.name === name);
      if (!factor) throw new RiskModelError(`the risk factors lack "${name}", the model's feature ${FEATURE_ORDER.indexOf(name)}`);
      return factor.value;
    }),
  );
}

const EXPECTED_INPUT = `one float32 input "${MODEL_INPUT_NAME}" of shape [batch, ${FEATURE_ORDER.length}] (${FEATURE_ORDER.join(', ')})`;
const EXPECTED_OUTPUT = 'one float32 output of shape [batch, 1] or [batch] (the risk, 0 to 1)';

const describe = (value: ValueSignature): string =>
  value.isTensor ? `"${value.name}" ${value.type ?? '?'} [${(value.shape ?? []).join(', ')}]` : `"${value.name}" (not a tensor)`;

/** A size that is symbolic (or unknown) accepts any batch; a fixed one must be `size`. */
const fits = (dimension: number | string | undefined, size: number): boolean => typeof dimension === 'string' || dimension === -1 || dimension === size;
const fitsBatch = (dimension: number | string | undefined): boolean => typeof dimension === 'string' || dimension === -1 || dimension === 1;

/** Throws a RiskModelError naming what the model has and what it must have. */
export function checkModelSignature(fileName: string, inputs: readonly ValueSignature[], outputs: readonly ValueSignature[]): void {
  const input = inputs[0];
  const inputOk =
    inputs.length === 1 &&
    input!.isTensor &&
    input!.name === MODEL_INPUT_NAME &&
    input!.type === 'float32' &&
    input!.shape?.length === 2 &&
    fitsBatch(input!.shape[0]) &&
    fits(input!.shape[1], FEATURE_ORDER.length);
  if (!inputOk) {
    throw new RiskModelError(`RISK_MODEL_PATH: model ${fileName} has input ${inputs.map(describe).join(', ') || 'none'}; expected ${EXPECTED_INPUT}`);
  }
  const output = outputs[0];
  const shape = output?.shape ?? [];
  const outputOk = outputs.length === 1 && output!.isTensor && output!.type === 'float32' && fitsBatch(shape[0]) && (shape.length === 1 || (shape.length === 2 && fits(shape[1], 1)));
  if (!outputOk) {
    throw new RiskModelError(`RISK_MODEL_PATH: model ${fileName} has output ${outputs.map(describe).join(', ') || 'none'}; expected ${EXPECTED_OUTPUT}`);
  }
}

/** The score (0 to 100) a model's output implies; throws when the output is no probability. */
export function scoreFromModelOutput(output: number): number {
  if (!Number.isFinite(output) || output < 0 || output > 1) throw new RiskModelError(`the model answered ${output}, not a risk between 0 and 1`);
  return Math.round(output * 100);
}
