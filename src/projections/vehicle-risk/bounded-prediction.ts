// One model call at a time, each with a time limit. onnxruntime cannot cancel a run, so a
// call past its limit is abandoned, not stopped: until that run ends, every new call fails
// at once (the formula answers) instead of queuing behind a model that may never answer.
import { RiskModelError } from './risk-features.js';

export type Predict = (features: Float32Array) => Promise<number>;

/** Why a model gave no answer: it ran over the limit, an abandoned run still holds it, or its thread is down. */
export class ModelUnavailableError extends RiskModelError {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'busy' | 'down',
  ) {
    super(message);
    this.name = 'ModelUnavailableError';
  }
}

export interface BoundedPredictionOptions {
  timeoutMs: number;
  /** Told when an abandoned run finally ends, with how long it ran and how it ended. */
  onLateEnd?: (ranMs: number, error: unknown) => void;
}

interface Call {
  features: Float32Array;
  deadline: number;
  resolve: (output: number) => void;
  reject: (error: unknown) => void;
  timer?: NodeJS.Timeout;
}

export function boundedPrediction(predict: Predict, { timeoutMs, onLateEnd = () => {} }: BoundedPredictionOptions): Predict {
  const limit = `${timeoutMs} ms (RISK_MODEL_TIMEOUT_MS)`;
  const waiting: Call[] = [];
  let running: { call: Call; startedAt: number; abandoned: boolean } | null = null;

  const busy = (startedAt: number) =>
    new ModelUnavailableError(`it is still running a call that started ${Date.now() - startedAt} ms ago, past the limit of ${limit}; not called`, 'busy');

  function next(): void {
    if (running || waiting.length === 0) return;
    const current = { call: waiting.shift()!, startedAt: Date.now(), abandoned: false };
    running = current;
    // The wait in line counts against the limit. A call waiting needs no timer of its own: the
    // run ahead of it came first, so it either ends in time or is abandoned and fails those behind.
    current.call.timer = setTimeout(() => abandon(current.call), Math.max(0, current.call.deadline - current.startedAt));
    const finish = (output: number | undefined, error: unknown, failed: boolean) => {
      running = null;
      if (current.abandoned) onLateEnd(Date.now() - current.startedAt, failed ? error : undefined);
      else {
        clearTimeout(current.call.timer);
        if (failed) current.call.reject(error);
        else current.call.resolve(output!);
      }
      next();
    };
    Promise.resolve()
      .then(() => predict(current.call.features))
      .then(
        (output) => finish(output, undefined, false),
        (error: unknown) => finish(undefined, error, true),
      );
  }

  function abandon(call: Call): void {
    if (running?.call !== call) return;
    running.abandoned = true;
    call.reject(new ModelUnavailableError(`no answer within ${limit}; the run goes on and is ignored`, 'timeout'));
    // Those waiting behind it would only wait for the same stuck run.
    for (const waiter of waiting.splice(0)) waiter.reject(busy(running.startedAt));
  }

  return (features) => {
    if (running?.abandoned) return Promise.reject(busy(running.startedAt));
    return new Promise<number>((resolve, reject) => {
      waiting.push({ features, deadline: Date.now() + timeoutMs, resolve, reject });
      next();
    });
  };
}
