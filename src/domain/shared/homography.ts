// Planar homography from image pixels to ground metres, solved by the normalised Direct
// Linear Transform (Hartley): least squares over all pairs when there are more than 4.
import type { Point } from './geometry.js';
import { symmetricEigen } from './symmetric-eigen.js';

/** Row-major 3x3 matrix, scaled so that h[8] = 1 when possible. */
export type Homography = readonly [number, number, number, number, number, number, number, number, number];

export interface PointPair {
  image: Point;
  ground: Point;
}

export interface ReprojectionError {
  /** Root mean square of the distances between mapped image points and their ground points (m). */
  rmsMetres: number;
  maxMetres: number;
}

export type HomographySolution =
  | { ok: true; homography: Homography; error: ReprojectionError }
  | { ok: false; reason: 'TOO_FEW_POINTS' | 'DEGENERATE' };

type Matrix3 = number[];

function multiply(a: Matrix3, b: Matrix3): Matrix3 {
  const out = new Array<number>(9).fill(0);
  for (let r = 0; r < 3; r++)
    for (let c = 0; c < 3; c++) for (let k = 0; k < 3; k++) out[r * 3 + c]! += a[r * 3 + k]! * b[k * 3 + c]!;
  return out;
}

/** Similarity moving the centroid to the origin with mean distance sqrt(2); returns it and its inverse. */
function normaliser(points: readonly Point[]): { t: Matrix3; inverse: Matrix3 } {
  const cx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const cy = points.reduce((s, p) => s + p.y, 0) / points.length;
  const meanDistance = points.reduce((s, p) => s + Math.hypot(p.x - cx, p.y - cy), 0) / points.length;
  const scale = meanDistance > 0 ? Math.SQRT2 / meanDistance : 1;
  return {
    t: [scale, 0, -scale * cx, 0, scale, -scale * cy, 0, 0, 1],
    inverse: [1 / scale, 0, cx, 0, 1 / scale, cy, 0, 0, 1],
  };
}

export function applyHomography(h: Homography, p: Point): Point {
  const w = h[6] * p.x + h[7] * p.y + h[8];
  return { x: (h[0] * p.x + h[1] * p.y + h[2]) / w, y: (h[3] * p.x + h[4] * p.y + h[5]) / w };
}

export function reprojectionError(h: Homography, pairs: readonly PointPair[]): ReprojectionError {
  let sumSquares = 0;
  let maxMetres = 0;
  for (const pair of pairs) {
    const mapped = applyHomography(h, pair.image);
    const distance = Math.hypot(mapped.x - pair.ground.x, mapped.y - pair.ground.y);
    const d = Number.isFinite(distance) ? distance : Number.POSITIVE_INFINITY;
    sumSquares += d * d;
    maxMetres = Math.max(maxMetres, d);
  }
  return { rmsMetres: Math.sqrt(sumSquares / Math.max(1, pairs.length)), maxMetres };
}

// Below this ratio of the two smallest eigenvalues' gap the solution is not unique
// (e.g. three of four points on one line).
const DEGENERACY_RATIO = 1e-10;

export function solveHomography(pairs: readonly PointPair[]): HomographySolution {
  if (pairs.length < 4) return { ok: false, reason: 'TOO_FEW_POINTS' };
  const all = pairs.flatMap((p) => [p.image.x, p.image.y, p.ground.x, p.ground.y]);
  if (all.some((v) => !Number.isFinite(v))) return { ok: false, reason: 'DEGENERATE' };

  const image = normaliser(pairs.map((p) => p.image));
  const ground = normaliser(pairs.map((p) => p.ground));
  // Normal equations A^T A of the DLT system; its eigenvector of the smallest eigenvalue
  // minimises |A h| with |h| = 1.
  const ata = Array.from({ length: 9 }, () => new Array<number>(9).fill(0));
  for (const pair of pairs) {
    const [x, y] = mapAffine(image.t, pair.image);
    const [u, v] = mapAffine(ground.t, pair.ground);
    const rows = [
      [-x, -y, -1, 0, 0, 0, u * x, u * y, u],
      [0, 0, 0, -x, -y, -1, v * x, v * y, v],
    ];
    for (const row of rows) for (let i = 0; i < 9; i++) for (let j = 0; j < 9; j++) ata[i]![j]! += row[i]! * row[j]!;
  }
  const { values, vectors } = symmetricEigen(ata);
  const largest = values[8]!;
  if (!(largest > 0) || values[1]! / largest < DEGENERACY_RATIO) return { ok: false, reason: 'DEGENERATE' };

  const normalised = vectors[0]!;
  const h = multiply(multiply(ground.inverse, normalised), image.t);
  const scale = Math.abs(h[8]!) > 1e-12 ? h[8]! : 1;
  const homography = h.map((value) => value / scale) as unknown as Homography;
  if (determinant(homography) === 0 || homography.some((v) => !Number.isFinite(v))) return { ok: false, reason: 'DEGENERATE' };
  return { ok: true, homography, error: reprojectionError(homography, pairs) };
}

function mapAffine(t: Matrix3, p: Point): [number, number] {
  return [t[0]! * p.x + t[1]! * p.y + t[2]!, t[3]! * p.x + t[4]! * p.y + t[5]!];
}

function determinant(h: Homography): number {
  return h[0] * (h[4] * h[8] - h[5] * h[7]) - h[1] * (h[3] * h[8] - h[5] * h[6]) + h[2] * (h[3] * h[7] - h[4] * h[6]);
}
