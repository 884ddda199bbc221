// Box arithmetic the tracker and the rules share: overlap, centres and the frame edge.
import type { Box } from '../types.js';

export interface Point {
  x: number;
  y: number;
}

export function iou(a: Box, b: Box): number {
  const left = Math.max(a.x, b.x);
  const top = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.w, b.x + b.w);
  const bottom = Math.min(a.y + a.h, b.y + b.h);
  const intersection = Math.max(0, right - left) * Math.max(0, bottom - top);
  const union = a.w * a.h + b.w * b.h - intersection;
  return union > 0 ? intersection / union : 0;
}

export function centre(box: Box): Point {
  return { x: box.x + box.w / 2, y: box.y + box.h / 2 };
}

/** Where the thing touches the road, seen from a camera above it: the bottom centre of its box. */
export function groundPoint(box: Box): Point {
  return { x: box.x + box.w / 2, y: box.y + box.h };
}

/**
 * A box that touches the frame border (within `margin` pixels) shows only part of its
 * object: its size and bottom edge lie, so it must not be read or measured.
 */
export function isCutByEdge(box: Box, frame: { width: number; height: number }, margin: number): boolean {
  return box.x <= margin || box.y <= margin || box.x + box.w >= frame.width - margin || box.y + box.h >= frame.height - margin;
}
