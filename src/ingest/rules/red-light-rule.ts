// Red light: the track's ground point (image coordinates) passes over the stop line, from
// the approach side to the far side, while the signal is red. A vehicle that stops before
// the line never crosses it, so it is never an infraction.
import { segmentsIntersect, type Point, type Segment } from '../../domain/shared/geometry.js';
import type { SignalState } from './signal-state.js';

export interface ImageSample {
  pts: number;
  /** ground point in image pixels */
  point: Point;
}

export interface StopLineCrossing {
  /** Interpolated instant the ground point reached the line, seconds. */
  pts: number;
  /** The observation just past the line: the frame that shows the crossing. */
  sampleIndex: number;
  signal: SignalState;
}

export type RedLightVerdict = { crossed: false } | { crossed: true; crossing: StopLineCrossing; infraction: boolean };

function side(line: Segment, point: Point): number {
  return (line.b.x - line.a.x) * (point.y - line.a.y) - (line.b.y - line.a.y) * (point.x - line.a.x);
}

export function evaluateRedLight(
  samples: readonly ImageSample[],
  stopLine: { line: Segment; approachSide: Point },
  signalAt: (pts: number) => SignalState,
): RedLightVerdict {
  const approach = Math.sign(side(stopLine.line, stopLine.approachSide));
  for (let i = 1; i < samples.length; i++) {
    const before = samples[i - 1]!;
    const after = samples[i]!;
    const sideBefore = side(stopLine.line, before.point) * approach;
    const sideAfter = side(stopLine.line, after.point) * approach;
    if (sideBefore <= 0 || sideAfter > 0) continue;
    if (!segmentsIntersect({ a: before.point, b: after.point }, stopLine.line)) continue;
    const fraction = sideBefore / (sideBefore - sideAfter);
    const pts = before.pts + fraction * (after.pts - before.pts);
    const signal = signalAt(pts);
    return { crossed: true, crossing: { pts, sampleIndex: i, signal }, infraction: signal === 'red' };
  }
  return { crossed: false };
}
