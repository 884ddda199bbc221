// Constant-velocity motion of a box in image space, in pixels per second of presentation
// time (frames may be dropped or unevenly spaced, so time, not frame count, drives it).
import type { Box } from '../types.js';

export interface BoxVelocity {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const AT_REST: BoxVelocity = { x: 0, y: 0, w: 0, h: 0 };

export function predictBox(last: Box, velocity: BoxVelocity, seconds: number): Box {
  return {
    x: last.x + velocity.x * seconds,
    y: last.y + velocity.y * seconds,
    w: Math.max(1, last.w + velocity.w * seconds),
    h: Math.max(1, last.h + velocity.h * seconds),
  };
}

/**
 * Blends the velocity measured between two observations into the running estimate.
 * `smoothing` is the weight of the new measurement (1 = trust only the last step); a
 * first measurement replaces the rest state outright.
 */
export function updateVelocity(
  previous: BoxVelocity | null,
  from: Box,
  to: Box,
  seconds: number,
  smoothing: number,
): BoxVelocity {
  if (seconds <= 0) return previous ?? AT_REST;
  const measured: BoxVelocity = {
    x: (to.x - from.x) / seconds,
    y: (to.y - from.y) / seconds,
    w: (to.w - from.w) / seconds,
    h: (to.h - from.h) / seconds,
  };
  if (previous === null) return measured;
  const blend = (old: number, now: number) => old + smoothing * (now - old);
  return {
    x: blend(previous.x, measured.x),
    y: blend(previous.y, measured.y),
    w: blend(previous.w, measured.w),
    h: blend(previous.h, measured.h),
  };
}
