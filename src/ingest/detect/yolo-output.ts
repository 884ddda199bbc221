// Decoding of a YOLOv8-style detection output: one column per candidate holding
// cx, cy, w, h and one (already sigmoid) score per class, with no objectness term.
// Exporters give it as [1, 4 + classes, N] (Ultralytics' own layout, "channels-first")
// or transposed as [1, N, 4 + classes] ("boxes-first"); both are read.
import type { Box } from '../types.js';

export type YoloLayout = 'channels-first' | 'boxes-first';

export interface YoloCandidate {
  /** Input pixels, top-left origin. */
  box: Box;
  classId: number;
  score: number;
}

export interface YoloDecodeOptions {
  numClasses: number;
  /** Classes kept (by their best-scoring class); every other is dropped before NMS. */
  classes: ReadonlySet<number>;
  /** Best class score a candidate needs. */
  confidence: number;
}

/** Which layout an output of these dims has, given the model's class count. */
export function yoloLayout(dims: readonly number[], numClasses: number): YoloLayout {
  if (dims.length !== 3 || dims[0] !== 1) throw new Error(`YOLO output must be [1, a, b], got [${dims.join(', ')}]`);
  const channels = 4 + numClasses;
  if (dims[1] === channels) return 'channels-first';
  if (dims[2] === channels) return 'boxes-first';
  throw new Error(`YOLO output [${dims.join(', ')}] has no axis of 4 + ${numClasses} classes = ${channels}`);
}

export function decodeYoloOutput(data: Float32Array, dims: readonly number[], options: YoloDecodeOptions): YoloCandidate[] {
  const layout = yoloLayout(dims, options.numClasses);
  const count = layout === 'channels-first' ? dims[2]! : dims[1]!;
  const channels = 4 + options.numClasses;
  // value(channel, candidate) for either layout, without copying the tensor.
  const at =
    layout === 'channels-first'
      ? (channel: number, candidate: number) => data[channel * count + candidate]!
      : (channel: number, candidate: number) => data[candidate * channels + channel]!;
  const candidates: YoloCandidate[] = [];
  for (let n = 0; n < count; n += 1) {
    let classId = -1;
    let score = -Infinity;
    // The best class over all of them, as YOLO's own post-processing does: a box that is
    // mostly a person is not kept as a weakly-scored car.
    for (let c = 0; c < options.numClasses; c += 1) {
      const s = at(4 + c, n);
      if (s > score) [classId, score] = [c, s];
    }
    if (score < options.confidence || !options.classes.has(classId)) continue;
    const [cx, cy, w, h] = [at(0, n), at(1, n), at(2, n), at(3, n)];
    candidates.push({ box: { x: cx - w / 2, y: cy - h / 2, w, h }, classId, score });
  }
  return candidates;
}
