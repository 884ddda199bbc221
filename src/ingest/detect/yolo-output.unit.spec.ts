import { describe, expect, it } from 'vitest';
import { nonMaxSuppression } from './non-max-suppression.js';
import { decodeYoloOutput, yoloLayout, type YoloCandidate } from './yolo-output.js';

const CLASSES = 4;
/** Candidates as [cx, cy, w, h, classId, score] in the [1, 4 + classes, N] layout. */
function channelsFirst(rows: [number, number, number, number, number, number][]): Float32Array {
  const n = rows.length;
  const data = new Float32Array((4 + CLASSES) * n);
  rows.forEach(([cx, cy, w, h, cls, score], i) => {
    [cx, cy, w, h].forEach((v, c) => (data[c * n + i] = v));
    data[(4 + cls) * n + i] = score;
  });
  return data;
}
function transpose(data: Float32Array, channels: number, n: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let c = 0; c < channels; c++) for (let i = 0; i < n; i++) out[i * channels + c] = data[c * n + i]!;
  return out;
}
const options = { numClasses: CLASSES, classes: new Set([1, 2]), confidence: 0.5 };

describe('YOLO output decoding', () => {
  const rows: [number, number, number, number, number, number][] = [
    [50, 40, 20, 10, 1, 0.9],
    [200, 100, 40, 30, 2, 0.6],
    [10, 10, 4, 4, 0, 0.99], // class 0 is not kept
    [80, 80, 10, 10, 1, 0.45], // under the threshold
  ];
  const expected: YoloCandidate[] = [
    { box: { x: 40, y: 35, w: 20, h: 10 }, classId: 1, score: expect.closeTo(0.9, 6) as unknown as number },
    { box: { x: 180, y: 85, w: 40, h: 30 }, classId: 2, score: expect.closeTo(0.6, 6) as unknown as number },
  ];

  it('reads [1, 4 + classes, N]: centre boxes to corner boxes, kept classes over the threshold', () => {
    expect(decodeYoloOutput(channelsFirst(rows), [1, 4 + CLASSES, rows.length], options)).toEqual(expected);
  });

  it('reads the transposed [1, N, 4 + classes] the same way', () => {
    const data = transpose(channelsFirst(rows), 4 + CLASSES, rows.length);
    expect(decodeYoloOutput(data, [1, rows.length, 4 + CLASSES], options)).toEqual(expected);
  });

  it('tells the layouts apart by the axis of 4 + classes, whatever N is', () => {
    expect(yoloLayout([1, 84, 8400], 80)).toBe('channels-first');
    expect(yoloLayout([1, 8400, 84], 80)).toBe('boxes-first');
    expect(yoloLayout([1, 84, 6], 80)).toBe('channels-first');
    expect(() => yoloLayout([1, 85, 8400], 80)).toThrow(/4 \+ 80 classes = 84/);
  });

  it('keeps a box by its best class only: a person with a faint car score is not a car', () => {
    const data = channelsFirst([[50, 50, 10, 10, 0, 0.9]]);
    data[4 + 1] = 0.7; // class 1 score of the only candidate
    expect(decodeYoloOutput(data, [1, 4 + CLASSES, 1], options)).toEqual([]);
  });
});

describe('class-aware non-maximum suppression', () => {
  const car = (x: number, score: number, classId = 1): YoloCandidate => ({ box: { x, y: 0, w: 100, h: 50 }, classId, score });

  it('drops a weaker box of the same class that overlaps a stronger one past the IoU threshold', () => {
    expect(nonMaxSuppression([car(10, 0.8), car(0, 0.9)], 0.45)).toEqual([car(0, 0.9)]);
  });

  it('keeps overlapping boxes of different classes, and same-class boxes that overlap little', () => {
    const kept = nonMaxSuppression([car(0, 0.9), car(5, 0.7, 2), car(60, 0.6)], 0.45);
    expect(kept).toEqual([car(0, 0.9), car(5, 0.7, 2), car(60, 0.6)]);
  });
});
