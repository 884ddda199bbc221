// Speed from a track's ground positions (metres) over time: a straight-line fit of x(t)
// and y(t) by least squares over every usable frame, so one bad box moves the answer
// little and the residual says how well the motion fits a constant velocity.
import type { Point } from '../../domain/shared/geometry.js';

export interface GroundSample {
  /** seconds */
  pts: number;
  /** metres on the road plane */
  ground: Point;
}

export interface SpeedFit {
  speedKmh: number;
  /** Root mean square, along the direction of travel, of the samples' distance from the fitted motion, metres. */
  residualM: number;
  /** The same across the direction of travel: a lane change or a wobbling box, not a speed error. */
  crossTrackResidualM: number;
  /** One standard error of the speed from the scatter of the fit, km/h. */
  standardErrorKmh: number;
  samples: number;
  durationS: number;
  /** Unit vector of travel on the road plane. */
  heading: Point;
}

interface LineFit {
  slope: number;
  intercept: number;
  sumSquaredResiduals: number;
}

function fitLine(ts: readonly number[], values: readonly number[], meanT: number, sxx: number): LineFit {
  const meanV = values.reduce((sum, value) => sum + value, 0) / values.length;
  let sxv = 0;
  ts.forEach((t, i) => (sxv += (t - meanT) * (values[i]! - meanV)));
  const slope = sxv / sxx;
  const intercept = meanV - slope * meanT;
  let sumSquaredResiduals = 0;
  ts.forEach((t, i) => (sumSquaredResiduals += (values[i]! - (intercept + slope * t)) ** 2));
  return { slope, intercept, sumSquaredResiduals };
}

/** Null when fewer than 3 samples or no spread in time: a line through two points has no residual to trust. */
export function fitSpeed(samples: readonly GroundSample[]): SpeedFit | null {
  if (samples.length < 3) return null;
  const ts = samples.map((sample) => sample.pts);
  const meanT = ts.reduce((sum, t) => sum + t, 0) / ts.length;
  const sxx = ts.reduce((sum, t) => sum + (t - meanT) ** 2, 0);
  if (sxx <= 0) return null;
  const x = fitLine(ts, samples.map((s) => s.ground.x), meanT, sxx);
  const y = fitLine(ts, samples.map((s) => s.ground.y), meanT, sxx);
  const speedMs = Math.hypot(x.slope, y.slope);
  const n = samples.length;
  // Slope variance per axis is sigma^2 / Sxx; project both onto the direction of travel.
  const heading = speedMs > 0 ? { x: x.slope / speedMs, y: y.slope / speedMs } : { x: 0, y: 0 };
  const varianceX = x.sumSquaredResiduals / (n - 2) / sxx;
  const varianceY = y.sumSquaredResiduals / (n - 2) / sxx;
  const speedVariance = heading.x ** 2 * varianceX + heading.y ** 2 * varianceY;
  let along = 0;
  let across = 0;
  samples.forEach((sample, i) => {
    const dx = sample.ground.x - (x.intercept + x.slope * ts[i]!);
    const dy = sample.ground.y - (y.intercept + y.slope * ts[i]!);
    along += (dx * heading.x + dy * heading.y) ** 2;
    across += (dx * heading.y - dy * heading.x) ** 2;
  });
  return {
    speedKmh: speedMs * 3.6,
    residualM: Math.sqrt(along / n),
    crossTrackResidualM: Math.sqrt(across / n),
    standardErrorKmh: Math.sqrt(speedVariance) * 3.6,
    samples: n,
    durationS: Math.max(...ts) - Math.min(...ts),
    heading,
  };
}
