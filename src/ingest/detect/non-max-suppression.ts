// Class-aware non-maximum suppression: within one class, a box overlapping a better one
// by more than the IoU threshold is the same object seen twice; boxes of different
// classes never suppress each other.
import { iou } from '../track/box-geometry.js';
import type { YoloCandidate } from './yolo-output.js';

export function nonMaxSuppression(candidates: readonly YoloCandidate[], iouThreshold: number): YoloCandidate[] {
  const sorted = [...candidates].sort((a, b) => b.score - a.score);
  const kept: YoloCandidate[] = [];
  for (const candidate of sorted) {
    const duplicate = kept.some((k) => k.classId === candidate.classId && iou(k.box, candidate.box) > iouThreshold);
    if (!duplicate) kept.push(candidate);
  }
  return kept;
}
