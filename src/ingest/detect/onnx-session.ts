// Loads an ONNX model on onnxruntime-node's bundled CPU provider with a bounded thread
// count (the machine is shared by the decoder, the tracker and the readers).
import { existsSync } from 'node:fs';
import ort from 'onnxruntime-node';
import { IngestError } from '../types.js';

export interface SessionOptions {
  /** Threads inside one operator; defaults to 2. */
  threads?: number;
  /**
   * Let idle worker threads spin between operators (onnxruntime's default). Off by default:
   * ffmpeg and sharp share the same two cores, and spinning workers took their cycles —
   * in interleaved A/B runs on the PP-OCR detector (640x352) spinning off cut CPU per run
   * by 13-25 % and the median latency by 30-55 % (measured under load; see
   * docs/benchmarks.md).
   */
  spinning?: boolean;
}

export async function loadOnnxModel(path: string, options: SessionOptions = {}): Promise<ort.InferenceSession> {
  if (!existsSync(path)) throw new IngestError('MODEL_MISSING', `ONNX model not found: ${path}`, { path });
  const spin = options.spinning ? '1' : '0';
  try {
    return await ort.InferenceSession.create(path, {
      executionProviders: ['cpu'],
      intraOpNumThreads: options.threads ?? 2,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      enableCpuMemArena: true,
      enableMemPattern: true,
      extra: { session: { 'intra_op.allow_spinning': spin, 'inter_op.allow_spinning': spin } },
    });
  } catch (error) {
    throw new IngestError('MODEL_FAILED', `cannot load ONNX model ${path}: ${(error as Error).message}`, { path });
  }
}

export { ort };
