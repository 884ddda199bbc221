// Holds an ONNX session on a worker thread of its own. onnxruntime-node runs a session
// synchronously on the thread that calls it, so a slow model on the main thread would stop
// the API and every timer with it (a time limit could never fire); on its own thread it only
// delays its own answers.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ValueSignature } from './risk-features.js';

export interface ModelThread {
  inputs: ValueSignature[];
  outputs: ValueSignature[];
  /** The first output's values for one row of `inputName`. */
  run(features: Float32Array): Promise<Float32Array>;
  /** Makes the thread exit with `code`, as a crash would: how the restart specs kill a real thread. */
  exitThread(code: number): void;
  close(): Promise<void>;
}

export interface ModelThreadOptions {
  /** How long the thread may take to start and load the model before it is stopped. */
  loadTimeoutMs: number;
  /** Told when a loaded thread stops other than by close(): an uncaught error, an exit. */
  onStop?: (error: Error) => void;
}

/** The thread did not load the model within `loadTimeoutMs`; it was stopped. */
export class ModelLoadTimeoutError extends Error {
  constructor(readonly loadTimeoutMs: number) {
    super(`did not load within ${loadTimeoutMs} ms; its thread was stopped`);
    this.name = 'ModelLoadTimeoutError';
  }
}

// Plain CommonJS given as source (eval), so the same code runs from the TypeScript sources
// under vitest and from dist/; onnxruntime-node is resolved by the main thread and passed in.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.onnxruntime);
const loading = ort.InferenceSession.create(workerData.bytes, { executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1 });
loading.then(
  (session) => parentPort.postMessage({ loaded: { inputs: session.inputMetadata, outputs: session.outputMetadata } }),
  (error) => parentPort.postMessage({ loadFailed: String(error && error.message || error) }),
);
parentPort.on('message', async ({ id, features, exit }) => {
  if (exit !== undefined) process.exit(exit);
  try {
    const session = await loading;
    const result = await session.run({ [workerData.inputName]: new ort.Tensor('float32', features, [1, features.length]) });
    parentPort.postMessage({ id, output: result[session.outputNames[0]].data });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

type Reply =
  | { loaded: { inputs: ValueSignature[]; outputs: ValueSignature[] } }
  | { loadFailed: string }
  | { id: number; output: Float32Array }
  | { id: number; error: string };

/** Starts the thread and loads the model; rejects with onnxruntime's reason when it cannot, or when it takes too long. */
export function startModelThread(bytes: Uint8Array, inputName: string, { loadTimeoutMs, onStop = () => {} }: ModelThreadOptions): Promise<ModelThread> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { bytes, inputName, onnxruntime: createRequire(import.meta.url).resolve('onnxruntime-node') },
  });
  const pending = new Map<number, { resolve: (output: Float32Array) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let stopped: Error | null = null;
  let loaded = false;
  let closing = false;

  return new Promise<ModelThread>((resolveLoad, rejectLoad) => {
    // A load that hangs (a huge or hostile model) must not hang the start with it.
    const loadTimer = setTimeout(() => {
      stopped = new ModelLoadTimeoutError(loadTimeoutMs);
      rejectLoad(stopped);
      void worker.terminate();
    }, loadTimeoutMs);
    const stop = (error: Error) => {
      clearTimeout(loadTimer);
      const first = !stopped;
      stopped ??= error;
      rejectLoad(stopped);
      for (const call of pending.values()) call.reject(stopped);
      pending.clear();
      if (first && loaded && !closing) onStop(stopped);
    };
    worker.on('error', (error) => stop(new Error(`the model's thread failed: ${error.message}`)));
    worker.on('exit', (code) => stop(new Error(`the model's thread stopped (exit code ${code})`)));
    worker.on('message', (reply: Reply) => {
      if ('loaded' in reply) {
        clearTimeout(loadTimer);
        if (stopped) return;
        loaded = true;
        // An idle model must not keep the process alive; a call waiting for its answer does.
        // (After the listeners: adding a 'message' listener refs the worker again.)
        worker.unref();
        resolveLoad({
          ...reply.loaded,
          run(features) {
            if (stopped) return Promise.reject(stopped);
            const id = nextId++;
            return new Promise<Float32Array>((resolve, reject) => {
              if (pending.size === 0) worker.ref();
              pending.set(id, { resolve, reject });
              worker.postMessage({ id, features });
            });
          },
          exitThread(code) {
            worker.postMessage({ exit: code });
          },
          async close() {
            closing = true;
            await worker.terminate();
          },
        });
      } else if ('loadFailed' in reply) {
        clearTimeout(loadTimer);
        rejectLoad(new Error(reply.loadFailed));
        void worker.terminate();
      } else {
        const call = pending.get(reply.id);
        pending.delete(reply.id);
        if (pending.size === 0) worker.unref();
        if ('error' in reply) call?.reject(new Error(reply.error));
        else call?.resolve(reply.output);
      }
    });
  });
}
