import { describe, expect, it } from 'vitest';
import { DEFAULT_TOLERANCES } from '../../domain/shared/tolerance.js';
import { evaluateTrack, type RuleContext } from './evaluate-track.js';
import { calibratedHomography, drive, roadToImage } from './synthetic-road.js';
import { parseZoneRules } from './zone-rules.js';

// A bus lane on the right (x 2..5 m) from 0 to 40 m, and a solid line at x = -2 m.
const zone = parseZoneRules({
  zoneId: 'avenue-1',
  speedLimitKmh: 200,
  jurisdiction: 'PE',
  lanes: {
    forbidden: [{ laneId: 'bus', polygon: [{ x: 2, y: 0 }, { x: 5, y: 0 }, { x: 5, y: 40 }, { x: 2, y: 40 }].map(roadToImage) }],
    solidLines: [{ lineId: 'median', points: [{ x: -2, y: 0 }, { x: -2, y: 40 }].map(roadToImage) }],
    minFrames: 5,
  },
});
const context: RuleContext = { zone, homography: calibratedHomography(), tolerances: DEFAULT_TOLERANCES, signalAt: () => 'unknown' };

describe('lane invasion', () => {
  it('is an infraction when the vehicle drives in the forbidden lane for minFrames frames', () => {
    const verdict = evaluateTrack(drive({ speedKmh: 40, lane: 3.5, frames: 12 }), context);
    expect(verdict.lane).toMatchObject({ kind: 'forbidden-lane', laneId: 'bus', frames: 5, fromPts: 0 });
    expect(verdict.infractions.map((i) => i.type)).toEqual(['LANE_INVASION']);
  });

  it('is no infraction for a vehicle that only touches the lane for fewer frames', () => {
    const brief = (t: number) => ({ x: t >= 0.3 && t < 0.65 ? 3 : 0.5, y: 3 + 10 * t });
    const verdict = evaluateTrack(drive({ speedKmh: 0, frames: 12, positionAt: brief }), context);
    expect(verdict.lane).toBeNull();
    expect(verdict.infractions).toEqual([]);
  });

  it('is an infraction when the vehicle crosses the solid line', () => {
    const overtaking = (t: number) => ({ x: 0.5 - 4 * t, y: 3 + 10 * t });
    const verdict = evaluateTrack(drive({ speedKmh: 0, frames: 12, positionAt: overtaking }), context);
    expect(verdict.lane).toMatchObject({ kind: 'solid-line', lineId: 'median' });
    expect(verdict.lane?.kind === 'solid-line' && verdict.lane.pts).toBeCloseTo(0.7, 5);
  });

  it('is no infraction for a vehicle keeping its own lane', () => {
    expect(evaluateTrack(drive({ speedKmh: 50, lane: 0, frames: 12 }), context).lane).toBeNull();
  });
});
