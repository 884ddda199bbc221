// Who turns a vehicle's history into its score: the transparent formula, or an ONNX model
// fed the same factors. A model that fails at run time never fails the query and never
// hides: the formula answers and the response names the model and why it did not.
import { featureVector, scoreFromModelOutput } from './risk-features.js';
import { riskScore, type RiskFactor, type VehicleHistory } from './risk-score.js';

/** A loaded model: its identity and one prediction (0 to 1) per feature row. */
export interface RiskModel {
  fileName: string;
  sha256: string;
  predict(features: Float32Array): Promise<number>;
}

/** A factor as shown: with a model, the inputs only (a model has no per-factor points). */
export interface ShownFactor {
  name: RiskFactor['name'];
  value: number;
  weight: number | null;
  points: number | null;
}

export interface ScorerReport {
  kind: 'FORMULA' | 'MODEL';
  /** The configured model, also when the formula stood in for it. */
  model: { fileName: string; sha256: string } | null;
  /** The model's raw answer (0 to 1) when it scored. */
  modelOutput: number | null;
  /** Set when a model is configured but the formula answered. */
  fallbackReason: string | null;
}

export interface ScoredRisk {
  score: number;
  factors: ShownFactor[];
  scorer: ScorerReport;
}

export interface RiskScorer {
  score(history: VehicleHistory): Promise<ScoredRisk>;
}

export const formulaScorer: RiskScorer = {
  score: (history) => Promise.resolve({ ...riskScore(history), scorer: { kind: 'FORMULA', model: null, modelOutput: null, fallbackReason: null } }),
};

export function modelScorer(model: RiskModel, onFallback: (reason: string, error: unknown) => void = () => {}): RiskScorer {
  const identity = { fileName: model.fileName, sha256: model.sha256 };
  return {
    async score(history) {
      const formula = riskScore(history);
      try {
        const output = await model.predict(featureVector(formula.factors));
        return {
          score: scoreFromModelOutput(output),
          factors: formula.factors.map(({ name, value }) => ({ name, value, weight: null, points: null })),
          scorer: { kind: 'MODEL', model: identity, modelOutput: output, fallbackReason: null },
        };
      } catch (error) {
        const reason = `model ${model.fileName} failed: ${(error as Error).message}`;
        onFallback(reason, error);
        return { ...formula, scorer: { kind: 'FORMULA', model: identity, modelOutput: null, fallbackReason: reason } };
      }
    },
  };
}
