// Speed rule: fit the track's ground motion, apply the zone's measurement tolerance, and
// call it an infraction only when the considered speed is above the limit.
import { applyTolerance, toleranceFor, type ToleranceApplied, type ToleranceRule } from '../../domain/shared/tolerance.js';
import { fitSpeed, type GroundSample, type SpeedFit } from './least-squares-speed.js';
import type { ZoneRules } from './zone-rules.js';

export type SpeedVerdict =
  | { measured: false; reason: 'TOO_FEW_SAMPLES' | 'TOO_SHORT' | 'POOR_FIT'; fit: SpeedFit | null }
  | { measured: true; fit: SpeedFit; tolerance: ToleranceApplied; limitKmh: number; infraction: boolean };

export function evaluateSpeed(
  samples: readonly GroundSample[],
  zone: Pick<ZoneRules, 'speedLimitKmh' | 'jurisdiction' | 'speed'>,
  tolerances: readonly ToleranceRule[],
): SpeedVerdict {
  if (samples.length < zone.speed.minSamples) return { measured: false, reason: 'TOO_FEW_SAMPLES', fit: null };
  const fit = fitSpeed(samples);
  if (!fit) return { measured: false, reason: 'TOO_FEW_SAMPLES', fit: null };
  if (fit.durationS < zone.speed.minDurationS) return { measured: false, reason: 'TOO_SHORT', fit };
  if (fit.residualM > zone.speed.maxResidualM || fit.crossTrackResidualM > zone.speed.maxCrossTrackResidualM) return { measured: false, reason: 'POOR_FIT', fit };
  const rule = toleranceFor(tolerances, zone.jurisdiction);
  if (!rule) throw new Error(`No measurement tolerance configured for jurisdiction ${zone.jurisdiction}`);
  const tolerance = applyTolerance(rule, round1(fit.speedKmh));
  return { measured: true, fit, tolerance, limitKmh: zone.speedLimitKmh, infraction: tolerance.consideredKmh > zone.speedLimitKmh };
}

// A speed is reported to a tenth of a km/h: finer digits are noise, and the same video
// must give the same figure on every run.
function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
