// Test builder: a road seen by a perspective camera with a known homography, and tracks
// of vehicles moving on it at a known speed, so rule specs can check against the truth.
import { applyHomography, solveHomography, type Homography } from '../../domain/shared/homography.js';
import type { Point } from '../../domain/shared/geometry.js';
import type { Track, TrackObservation } from '../track/track.js';

/** Road metres (x across, y along, away from the camera) to 1280x720 image pixels. */
export const ROAD_TO_IMAGE: Homography = [900, 640, 640 * 8, 0, 100, 100 * 8 + 900 * 5, 0, 1, 8];

export const FRAME_SIZE = { width: 1280, height: 720 };

export function roadToImage(point: Point): Point {
  return applyHomography(ROAD_TO_IMAGE, point);
}

/** The calibration a device would hold: solved from surveyed points, as in the field. */
export function calibratedHomography(): Homography {
  const pairs = [];
  for (const x of [-4, 0, 4]) for (const y of [0, 15, 30, 45]) pairs.push({ image: roadToImage({ x, y }), ground: { x, y } });
  const solution = solveHomography(pairs);
  if (!solution.ok) throw new Error(`synthetic calibration failed: ${solution.reason}`);
  return solution.homography;
}

/** Deterministic jitter in [-amplitude, amplitude], like a detector's box noise. */
export function jitter(seed: number): (amplitude: number) => number {
  let state = seed >>> 0 || 1;
  return (amplitude) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return ((state / 0xffffffff) * 2 - 1) * amplitude;
  };
}

export interface DriveOptions {
  speedKmh: number;
  /** Lateral position, metres. */
  lane?: number;
  startY?: number;
  fps?: number;
  frames: number;
  /** Box noise in pixels. */
  noisePx?: number;
  seed?: number;
  /** Overrides the position at a time (stops, lane changes). */
  positionAt?: (seconds: number) => Point;
}

/** A plate track whose box bottom centre sits on the vehicle's road position in every frame. */
export function drive(options: DriveOptions): Track {
  const fps = options.fps ?? 10;
  const noise = jitter(options.seed ?? 7);
  const observations: TrackObservation[] = [];
  for (let index = 0; index < options.frames; index++) {
    const pts = index / fps;
    const position = options.positionAt?.(pts) ?? { x: options.lane ?? 0, y: (options.startY ?? 2) + (options.speedKmh / 3.6) * pts };
    const foot = roadToImage(position);
    const scale = 900 / (position.y + 8);
    const w = 0.52 * scale;
    const h = 0.11 * scale;
    const n = options.noisePx ?? 0;
    const box = { x: foot.x - w / 2 + noise(n), y: foot.y - h + noise(n), w, h };
    observations.push({ frameIndex: index, pts, box, score: 0.9, cutByEdge: false });
  }
  return { id: 1, kind: 'plate', observations };
}
