import { describe, expect, it } from 'vitest';
import { applyHomography, solveHomography, type Homography, type PointPair } from './homography.js';

// A plausible camera: perspective from a pole looking down a road (pixels -> metres).
const TRUE_H: Homography = [0.02, 0.004, -12, 0.001, 0.09, -30, 0.00002, 0.0011, 1];

const IMAGE_POINTS = [
  { x: 100, y: 400 },
  { x: 1800, y: 420 },
  { x: 300, y: 1000 },
  { x: 1600, y: 1050 },
  { x: 960, y: 700 },
  { x: 500, y: 600 },
  { x: 1400, y: 800 },
];

function pairsFrom(h: Homography, noise: (i: number) => { dx: number; dy: number } = () => ({ dx: 0, dy: 0 })): PointPair[] {
  return IMAGE_POINTS.map((image, i) => {
    const ground = applyHomography(h, image);
    const { dx, dy } = noise(i);
    return { image, ground: { x: ground.x + dx, y: ground.y + dy } };
  });
}

describe('homography by normalised DLT', () => {
  it('recovers a known homography from exactly 4 pairs with ~0 reprojection error', () => {
    const solution = solveHomography(pairsFrom(TRUE_H).slice(0, 4));
    expect(solution.ok).toBe(true);
    if (!solution.ok) return;
    solution.homography.forEach((value, i) => expect(value).toBeCloseTo(TRUE_H[i]!, 9));
    expect(solution.error.rmsMetres).toBeLessThan(1e-9);
  });

  it('solves more than 4 pairs by least squares, exactly when the data are exact', () => {
    const solution = solveHomography(pairsFrom(TRUE_H));
    expect(solution.ok && solution.error.maxMetres).toBeLessThan(1e-9);
    if (!solution.ok) return;
    const probe = applyHomography(solution.homography, { x: 700, y: 900 });
    const expected = applyHomography(TRUE_H, { x: 700, y: 900 });
    expect(probe.x).toBeCloseTo(expected.x, 8);
    expect(probe.y).toBeCloseTo(expected.y, 8);
  });

  it('reports a reprojection error of the order of the noise on noisy ground points', () => {
    // +-5 cm alternating noise on the surveyed ground points.
    const solution = solveHomography(pairsFrom(TRUE_H, (i) => ({ dx: i % 2 ? 0.05 : -0.05, dy: i % 3 ? 0.05 : -0.05 })));
    expect(solution.ok).toBe(true);
    if (!solution.ok) return;
    expect(solution.error.rmsMetres).toBeGreaterThan(0.005);
    expect(solution.error.rmsMetres).toBeLessThan(0.1);
  });

  it('refuses fewer than 4 pairs', () => {
    expect(solveHomography(pairsFrom(TRUE_H).slice(0, 3))).toEqual({ ok: false, reason: 'TOO_FEW_POINTS' });
  });

  it('refuses 4 pairs with 3 collinear image points as degenerate', () => {
    const pairs: PointPair[] = [
      { image: { x: 0, y: 0 }, ground: { x: 0, y: 0 } },
      { image: { x: 100, y: 0 }, ground: { x: 1, y: 0 } },
      { image: { x: 200, y: 0 }, ground: { x: 2, y: 0 } },
      { image: { x: 0, y: 100 }, ground: { x: 0, y: 1 } },
    ];
    expect(solveHomography(pairs)).toEqual({ ok: false, reason: 'DEGENERATE' });
  });
});
