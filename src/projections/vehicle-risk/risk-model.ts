// Loads the ONNX risk model named by RISK_MODEL_PATH on onnxruntime-node: the bytes are read
// once, so the SHA-256 the API reports is that of the model that scores, and the model's
// signature is checked before it may score anything. One load per path per process.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import ort from 'onnxruntime-node';
import { Counter, register } from 'prom-client';
import type { Logger } from '../../app/logger.js';
import { checkModelSignature, FEATURE_ORDER, MODEL_INPUT_NAME, RiskModelError, type ValueSignature } from './risk-features.js';
import { formulaScorer, modelScorer, type RiskModel, type RiskScorer } from './risk-scorer.js';

const fallbacksTotal = (register.getSingleMetric('roadledger_risk_model_fallbacks_total') ??
  new Counter({ name: 'roadledger_risk_model_fallbacks_total', help: 'Risk scores the formula gave because the configured model failed' })) as Counter;

export async function loadRiskModel(path: string): Promise<RiskModel> {
  const fileName = basename(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new RiskModelError(`RISK_MODEL_PATH: cannot read ${path}: ${(error as Error).message}`);
  }
  let session: ort.InferenceSession;
  try {
    // One thread: a score is a few multiplications, and the API shares the cores.
    session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1 });
  } catch (error) {
    throw new RiskModelError(`RISK_MODEL_PATH: ${fileName} is not a model onnxruntime can load: ${(error as Error).message}`);
  }
  checkModelSignature(fileName, session.inputMetadata as readonly ValueSignature[], session.outputMetadata as readonly ValueSignature[]);
  const outputName = session.outputNames[0]!;
  return {
    fileName,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    async predict(features) {
      const input = new ort.Tensor('float32', features, [1, FEATURE_ORDER.length]);
      const result = await session.run({ [MODEL_INPUT_NAME]: input });
      const output = result[outputName]!.data as Float32Array;
      if (output.length !== 1) throw new RiskModelError(`the model answered ${output.length} values for one vehicle`);
      return output[0]!;
    },
  };
}

const scorers = new Map<string, Promise<RiskScorer>>();

/** The formula with no path; otherwise the model's scorer, loaded on first use (a failed load is retried next time). */
export function riskScorer(path: string | undefined, logger: Logger): Promise<RiskScorer> {
  if (!path) return Promise.resolve(formulaScorer);
  let scorer = scorers.get(path);
  if (!scorer) {
    scorer = loadRiskModel(path).then((model) => {
      logger.info({ model: model.fileName, sha256: model.sha256 }, 'risk scores come from the model');
      return modelScorer(model, (reason) => {
        fallbacksTotal.inc();
        logger.warn({ model: model.fileName, reason }, 'risk model failed; the formula answered');
      });
    });
    scorer.catch(() => scorers.delete(path));
    scorers.set(path, scorer);
  }
  return scorer;
}
