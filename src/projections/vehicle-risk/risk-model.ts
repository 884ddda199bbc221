// Loads the ONNX risk model named by RISK_MODEL_PATH on onnxruntime-node: the bytes are read
// once, so the SHA-256 the API reports is that of the model that scores, and the model's
// signature is checked before it may score anything. The session runs on a thread of its own,
// each scoring within RISK_MODEL_TIMEOUT_MS. One load per path and limit per process.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Counter, register } from 'prom-client';
import type { Logger } from '../../app/logger.js';
import { boundedPrediction, ModelUnavailableError } from './bounded-prediction.js';
import { startModelThread, type ModelThread } from './model-thread.js';
import { checkModelSignature, MODEL_INPUT_NAME, RiskModelError } from './risk-features.js';
import { formulaScorer, modelScorer, type RiskModel, type RiskScorer } from './risk-scorer.js';

const fallbacksTotal = (register.getSingleMetric('roadledger_risk_model_fallbacks_total') ??
  new Counter({ name: 'roadledger_risk_model_fallbacks_total', help: 'Risk scores the formula gave because the configured model failed' })) as Counter;
const failuresTotal = (register.getSingleMetric('roadledger_risk_model_failures_total') ??
  new Counter({
    name: 'roadledger_risk_model_failures_total',
    help: 'Risk model calls that gave no score, by kind: timeout (over RISK_MODEL_TIMEOUT_MS), busy (not called while an abandoned run goes on), error',
    labelNames: ['kind'],
  })) as Counter<'kind'>;

export interface RiskModelOptions {
  /** The longest one scoring may take before the formula answers instead. */
  timeoutMs: number;
  /** Told when a run abandoned at the limit finally ends. */
  onLateEnd?: (ranMs: number, error: unknown) => void;
}

export async function loadRiskModel(path: string, { timeoutMs, onLateEnd }: RiskModelOptions): Promise<RiskModel> {
  const fileName = basename(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new RiskModelError(`RISK_MODEL_PATH: cannot read ${path}: ${(error as Error).message}`);
  }
  let thread: ModelThread;
  try {
    thread = await startModelThread(bytes, MODEL_INPUT_NAME);
  } catch (error) {
    throw new RiskModelError(`RISK_MODEL_PATH: ${fileName} is not a model onnxruntime can load: ${(error as Error).message}`);
  }
  try {
    checkModelSignature(fileName, thread.inputs, thread.outputs);
  } catch (error) {
    await thread.close();
    throw error;
  }
  const predict = async (features: Float32Array) => {
    const output = await thread.run(features);
    if (output.length !== 1) throw new RiskModelError(`the model answered ${output.length} values for one vehicle`);
    return output[0]!;
  };
  return {
    fileName,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    predict: boundedPrediction(predict, { timeoutMs, onLateEnd }),
  };
}

const scorers = new Map<string, Promise<RiskScorer>>();

/** The formula with no path; otherwise the model's scorer, loaded on first use (a failed load is retried next time). */
export function riskScorer(path: string | undefined, logger: Logger, timeoutMs: number): Promise<RiskScorer> {
  if (!path) return Promise.resolve(formulaScorer);
  const key = `${timeoutMs}:${path}`;
  let scorer = scorers.get(key);
  if (!scorer) {
    const onLateEnd = (ranMs: number, error: unknown) =>
      logger.warn({ model: basename(path), ranMs, timeoutMs, err: error }, 'a risk model run abandoned at the time limit has ended');
    scorer = loadRiskModel(path, { timeoutMs, onLateEnd }).then((model) => {
      logger.info({ model: model.fileName, sha256: model.sha256, timeoutMs }, 'risk scores come from the model');
      return modelScorer(model, (reason, error) => {
        fallbacksTotal.inc();
        failuresTotal.inc({ kind: error instanceof ModelUnavailableError ? error.kind : 'error' });
        logger.warn({ model: model.fileName, reason }, 'risk model failed; the formula answered');
      });
    });
    scorer.catch(() => scorers.delete(key));
    scorers.set(key, scorer);
  }
  return scorer;
}
