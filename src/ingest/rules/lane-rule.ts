// Lane invasion: the ground point stays inside a forbidden lane for at least `minFrames`
// observations in a row, or passes over a solid lane line.
import { segmentsIntersect } from '../../domain/shared/geometry.js';
import { isInsidePolygon } from './point-in-polygon.js';
import type { ImageSample } from './red-light-rule.js';
import type { ZoneRules } from './zone-rules.js';

export type LaneInvasion =
  | { kind: 'forbidden-lane'; laneId: string; fromPts: number; frames: number; sampleIndex: number }
  | { kind: 'solid-line'; lineId: string; pts: number; sampleIndex: number };

/** The first invasion along the track, or null. */
export function evaluateLanes(samples: readonly ImageSample[], lanes: NonNullable<ZoneRules['lanes']>): LaneInvasion | null {
  const found: LaneInvasion[] = [];
  for (const lane of lanes.forbidden) {
    let runStart = -1;
    for (let i = 0; i < samples.length; i++) {
      if (!isInsidePolygon(samples[i]!.point, lane.polygon)) {
        runStart = -1;
        continue;
      }
      if (runStart < 0) runStart = i;
      const frames = i - runStart + 1;
      if (frames >= lanes.minFrames) {
        found.push({ kind: 'forbidden-lane', laneId: lane.laneId, fromPts: samples[runStart]!.pts, frames, sampleIndex: i });
        break;
      }
    }
  }
  for (const line of lanes.solidLines) {
    const crossing = firstCrossing(samples, line.points);
    if (crossing >= 0) found.push({ kind: 'solid-line', lineId: line.lineId, pts: samples[crossing]!.pts, sampleIndex: crossing });
  }
  found.sort((a, b) => a.sampleIndex - b.sampleIndex);
  return found[0] ?? null;
}

function firstCrossing(samples: readonly ImageSample[], polyline: readonly { x: number; y: number }[]): number {
  for (let i = 1; i < samples.length; i++) {
    const step = { a: samples[i - 1]!.point, b: samples[i]!.point };
    for (let k = 1; k < polyline.length; k++) {
      if (segmentsIntersect(step, { a: polyline[k - 1]!, b: polyline[k]! })) return i;
    }
  }
  return -1;
}
