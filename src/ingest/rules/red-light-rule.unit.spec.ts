import { describe, expect, it } from 'vitest';
import { DEFAULT_TOLERANCES } from '../../domain/shared/tolerance.js';
import { evaluateTrack, type RuleContext } from './evaluate-track.js';
import { stateAt, stateFromTimetable, type SignalSample } from './signal-state.js';
import { calibratedHomography, drive, roadToImage } from './synthetic-road.js';
import { parseZoneRules } from './zone-rules.js';

// The stop line lies across the road 20 m from the camera; vehicles come from nearer.
const zone = parseZoneRules({
  zoneId: 'crossing-1',
  speedLimitKmh: 200,
  jurisdiction: 'PE',
  stopLine: {
    line: { a: roadToImage({ x: -6, y: 20 }), b: roadToImage({ x: 6, y: 20 }) },
    approachSide: roadToImage({ x: 0, y: 10 }),
    signal: { kind: 'timetable', cycleS: 60, redStartS: 1, redDurationS: 30 },
  },
});
const stopLine = zone.stopLine!;
const signal = stopLine.signal.kind === 'timetable' ? stopLine.signal : undefined;

function context(signalAt: RuleContext['signalAt']): RuleContext {
  return { zone, homography: calibratedHomography(), tolerances: DEFAULT_TOLERANCES, signalAt };
}

describe('red light', () => {
  it('is an infraction when the vehicle crosses the stop line while the signal is red', () => {
    // 36 km/h = 10 m/s from 5 m: at the line (20 m) at 1.5 s, inside the red phase (1 s to 31 s).
    const verdict = evaluateTrack(drive({ speedKmh: 36, startY: 5, frames: 25 }), context((pts) => stateFromTimetable(signal!, pts)));
    expect(verdict.redLight).toMatchObject({ crossed: true, infraction: true, crossing: { signal: 'red' } });
    expect(verdict.redLight?.crossed && verdict.redLight.crossing.pts).toBeCloseTo(1.5, 1);
    expect(verdict.infractions.map((i) => i.type)).toEqual(['RED_LIGHT']);
  });

  it('is no infraction when the vehicle crosses on green', () => {
    // At the line at 0.5 s, before the red phase begins at 1 s.
    const verdict = evaluateTrack(drive({ speedKmh: 36, startY: 15, frames: 15 }), context((pts) => stateFromTimetable(signal!, pts)));
    expect(verdict.redLight).toMatchObject({ crossed: true, infraction: false, crossing: { signal: 'green' } });
    expect(verdict.infractions).toEqual([]);
  });

  it('is no infraction for a vehicle that stops before the line during red', () => {
    const stopsAt18m = (t: number) => ({ x: 0, y: Math.min(18, 5 + 8 * t - 2 * t * t) });
    const verdict = evaluateTrack(drive({ speedKmh: 0, frames: 40, positionAt: stopsAt18m }), context(() => 'red'));
    expect(verdict.redLight).toEqual({ crossed: false });
    expect(verdict.infractions).toEqual([]);
  });

  it('ignores a vehicle moving away from the line on the far side (wrong direction)', () => {
    const reversing = (t: number) => ({ x: 0, y: 25 - 10 * t });
    const verdict = evaluateTrack(drive({ speedKmh: 0, frames: 15, positionAt: reversing }), context(() => 'red'));
    expect(verdict.redLight).toEqual({ crossed: false });
  });

  it('reads a sampled signal as the last state seen at or before a time', () => {
    const samples: SignalSample[] = [
      { pts: 0, state: 'green' },
      { pts: 1, state: 'amber' },
      { pts: 2, state: 'red' },
    ];
    expect([stateAt(samples, -1), stateAt(samples, 0.5), stateAt(samples, 1.99), stateAt(samples, 7)]).toEqual(['unknown', 'green', 'amber', 'red']);
  });

  it('reads a timetable whose red phase wraps past the end of the cycle', () => {
    const wrapping = { kind: 'timetable' as const, cycleS: 10, redStartS: 8, redDurationS: 4, offsetS: 0 };
    expect([1, 3, 7, 9, 11].map((t) => stateFromTimetable(wrapping, t))).toEqual(['red', 'green', 'green', 'red', 'red']);
  });
});
