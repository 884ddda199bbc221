// Loads an ONNX model on onnxruntime-node's bundled CPU provider with a bounded thread
// count (the machine is shared by the decoder, the tracker and the readers).
import { existsSync } from 'node:fs';
import ort from 'onnxruntime-node';
import { IngestError } from '../types.js';

export interface SessionOptions {
  /** Threads inside one operator; defaults to 2. */
  threads?: number;
}

export async function loadOnnxModel(path: string, options: SessionOptions = {}): Promise<ort.InferenceSession> {
  if (!existsSync(path)) throw new IngestError('MODEL_MISSING', `ONNX model not found: ${path}`, { path });
  try {
    return await ort.InferenceSession.create(path, {
      executionProviders: ['cpu'],
      intraOpNumThreads: options.threads ?? 2,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
  } catch (error) {
    throw new IngestError('MODEL_FAILED', `cannot load ONNX model ${path}: ${(error as Error).message}`, { path });
  }
}

export { ort };
