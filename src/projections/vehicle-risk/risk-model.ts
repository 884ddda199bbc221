// Loads the ONNX risk model named by RISK_MODEL_PATH on onnxruntime-node: the bytes are read
// once, so the SHA-256 the API reports is that of the model that scores, and the model's
// signature is checked before it may score anything. The session runs on a thread of its own,
// loaded within RISK_MODEL_LOAD_TIMEOUT_MS, started again when it dies, each scoring within
// RISK_MODEL_TIMEOUT_MS. One load per path and limits per process.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Counter, register } from 'prom-client';
import type { Logger } from '../../app/logger.js';
import { boundedPrediction, ModelUnavailableError } from './bounded-prediction.js';
import { ModelLoadTimeoutError, startModelThread } from './model-thread.js';
import { DEFAULT_RESTART_POLICY, restartingModelThread, type RestartingModelThread, type RestartPolicy } from './restarting-model-thread.js';
import { checkModelSignature, MODEL_INPUT_NAME, RiskModelError } from './risk-features.js';
import { formulaScorer, modelScorer, type RiskModel, type RiskScorer } from './risk-scorer.js';

const fallbacksTotal = (register.getSingleMetric('roadledger_risk_model_fallbacks_total') ??
  new Counter({ name: 'roadledger_risk_model_fallbacks_total', help: 'Risk scores the formula gave because the configured model failed' })) as Counter;
const failuresTotal = (register.getSingleMetric('roadledger_risk_model_failures_total') ??
  new Counter({
    name: 'roadledger_risk_model_failures_total',
    help: 'Risk model calls that gave no score, by kind: timeout (over RISK_MODEL_TIMEOUT_MS), busy (not called while an abandoned run goes on), down (not called while its thread is restarted or given up on), error',
    labelNames: ['kind'],
  })) as Counter<'kind'>;
const restartsTotal = (register.getSingleMetric('roadledger_risk_model_thread_restarts_total') ??
  new Counter({
    name: 'roadledger_risk_model_thread_restarts_total',
    help: "The risk model's thread started again after it died, by outcome: restarted, failed (the new thread did not load), gave_up (too many restarts in a row)",
    labelNames: ['outcome'],
  })) as Counter<'outcome'>;

export interface RiskModelOptions {
  /** The longest one scoring may take before the formula answers instead. */
  timeoutMs: number;
  /** The longest the model's thread may take to load it, at the start and at each restart. */
  loadTimeoutMs: number;
  /** Told when a run abandoned at the limit finally ends. */
  onLateEnd?: (ranMs: number, error: unknown) => void;
  /** Hears of the thread's deaths and restarts. */
  logger?: Logger;
  restartPolicy?: RestartPolicy;
}

/** A loaded model, with a hold on its thread for the specs (exitThread) and for closing it. */
export interface LoadedRiskModel extends RiskModel {
  thread: Pick<RestartingModelThread, 'exitThread' | 'close'>;
}

function loadError(fileName: string, error: unknown): RiskModelError {
  if (error instanceof ModelLoadTimeoutError) return new RiskModelError(`RISK_MODEL_LOAD_TIMEOUT_MS: model ${fileName} ${error.message}`);
  return new RiskModelError(`RISK_MODEL_PATH: ${fileName} is not a model onnxruntime can load: ${(error as Error).message}`);
}

export async function loadRiskModel(path: string, options: RiskModelOptions): Promise<LoadedRiskModel> {
  const { timeoutMs, loadTimeoutMs, onLateEnd, logger, restartPolicy = DEFAULT_RESTART_POLICY } = options;
  const fileName = basename(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new RiskModelError(`RISK_MODEL_PATH: cannot read ${path}: ${(error as Error).message}`);
  }
  const start = async (onStop: (error: Error) => void) => {
    const started = await startModelThread(bytes, MODEL_INPUT_NAME, { loadTimeoutMs, onStop }).catch((error: unknown) => {
      throw loadError(fileName, error);
    });
    try {
      checkModelSignature(fileName, started.inputs, started.outputs);
    } catch (error) {
      await started.close();
      throw error;
    }
    return started;
  };
  const log = { model: fileName, maxRestarts: restartPolicy.maxRestarts };
  const thread = await restartingModelThread(start, restartPolicy, {
    stopped: (err, restart, delayMs) => logger?.warn({ ...log, err, restart, delayMs }, "the risk model's thread stopped; the formula answers until it is restarted"),
    restarted: (restart) => {
      restartsTotal.inc({ outcome: 'restarted' });
      logger?.info({ ...log, restart }, "the risk model's thread was restarted");
    },
    restartFailed: (err, restart) => {
      restartsTotal.inc({ outcome: 'failed' });
      logger?.warn({ ...log, err, restart }, "the risk model's thread could not be restarted");
    },
    gaveUp: (err, restarts) => {
      restartsTotal.inc({ outcome: 'gave_up' });
      logger?.error({ ...log, err, restarts }, "the risk model's thread is not restarted again; the formula answers");
    },
  });
  const predict = async (features: Float32Array) => {
    const output = await thread.run(features);
    if (output.length !== 1) throw new RiskModelError(`the model answered ${output.length} values for one vehicle`);
    return output[0]!;
  };
  return {
    fileName,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    predict: boundedPrediction(predict, { timeoutMs, onLateEnd }),
    thread,
  };
}

const scorers = new Map<string, Promise<RiskScorer>>();

/** The formula with no path; otherwise the model's scorer, loaded on first use (a failed load is retried next time). */
export function riskScorer(path: string | undefined, logger: Logger, timeoutMs: number, loadTimeoutMs: number): Promise<RiskScorer> {
  if (!path) return Promise.resolve(formulaScorer);
  const key = `${timeoutMs}:${loadTimeoutMs}:${path}`;
  let scorer = scorers.get(key);
  if (!scorer) {
    const onLateEnd = (ranMs: number, error: unknown) =>
      logger.warn({ model: basename(path), ranMs, timeoutMs, err: error }, 'a risk model run abandoned at the time limit has ended');
    scorer = loadRiskModel(path, { timeoutMs, loadTimeoutMs, onLateEnd, logger }).then((model) => {
      logger.info({ model: model.fileName, sha256: model.sha256, timeoutMs, loadTimeoutMs }, 'risk scores come from the model');
      return scorerReporting(model, logger);
    });
    scorer.catch(() => scorers.delete(key));
    scorers.set(key, scorer);
  }
  return scorer;
}

/** The model's scorer, counting and logging each answer the formula gave in its place. */
export function scorerReporting(model: RiskModel, logger: Logger): RiskScorer {
  return modelScorer(model, (reason, error) => {
    fallbacksTotal.inc();
    failuresTotal.inc({ kind: error instanceof ModelUnavailableError ? error.kind : 'error' });
    logger.warn({ model: model.fileName, reason }, 'risk model failed; the formula answered');
  });
}
