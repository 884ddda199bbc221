import { describe, expect, it } from 'vitest';
import { dbPostprocess } from './db-postprocess.js';

function map(width: number, height: number, blobs: { x: number; y: number; w: number; h: number; p: number }[]): Float32Array {
  const prob = new Float32Array(width * height);
  for (const b of blobs) for (let y = b.y; y < b.y + b.h; y++) for (let x = b.x; x < b.x + b.w; x++) prob[y * width + x] = b.p;
  return prob;
}

describe('DB post-processing', () => {
  it('turns each confident region into a rectangle grown by the unclip distance', () => {
    const regions = dbPostprocess(map(100, 50, [{ x: 10, y: 10, w: 40, h: 10, p: 0.9 }]), 100, 50);
    expect(regions).toHaveLength(1);
    const { rect, score } = regions[0]!;
    // distance = area * 1.6 / perimeter = 400 * 1.6 / 100 = 6.4 on every side
    expect(rect.width).toBeCloseTo(40 + 12.8, 6);
    expect(rect.height).toBeCloseTo(10 + 12.8, 6);
    expect(score).toBeCloseTo(0.9, 6);
  });

  it('drops regions whose mean probability is under the box threshold, and tiny ones', () => {
    const prob = map(100, 50, [
      { x: 10, y: 10, w: 40, h: 10, p: 0.45 },
      { x: 70, y: 30, w: 2, h: 2, p: 0.95 },
    ]);
    expect(dbPostprocess(prob, 100, 50)).toEqual([]);
  });

  it('keeps separate regions apart', () => {
    const prob = map(100, 50, [
      { x: 5, y: 5, w: 20, h: 8, p: 0.9 },
      { x: 50, y: 30, w: 30, h: 8, p: 0.8 },
    ]);
    expect(dbPostprocess(prob, 100, 50).map((r) => Math.round(r.rect.width))).toEqual([29, 40]);
  });
});
