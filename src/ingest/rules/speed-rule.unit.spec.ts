import { describe, expect, it } from 'vitest';
import { DEFAULT_TOLERANCES } from '../../domain/shared/tolerance.js';
import { evaluateTrack, type RuleContext } from './evaluate-track.js';
import { fitSpeed } from './least-squares-speed.js';
import { calibratedHomography, drive } from './synthetic-road.js';
import { parseZoneRules } from './zone-rules.js';

const context = (limit = 60, jurisdiction = 'PE'): RuleContext => ({
  zone: parseZoneRules({ zoneId: 'zone-1', speedLimitKmh: limit, jurisdiction }),
  homography: calibratedHomography(),
  tolerances: DEFAULT_TOLERANCES,
  signalAt: () => 'unknown',
});

describe('speed from the homography over a track', () => {
  it.each([
    [30, 2, 18],
    [50, 2, 18],
    [72, 2, 16],
    [95, 1, 12],
    [130, 0, 10],
  ])('measures %i km/h within 2 km/h from noisy boxes', (speedKmh, startY, frames) => {
    const verdict = evaluateTrack(drive({ speedKmh, startY, frames, noisePx: 1, seed: speedKmh }), context(200)).speed;
    expect(verdict.measured).toBe(true);
    if (!verdict.measured) return;
    expect(Math.abs(verdict.fit.speedKmh - speedKmh)).toBeLessThanOrEqual(2);
    expect(verdict.fit.samples).toBe(frames);
  });

  it('reports a residual near zero for exact boxes and a larger one for noisy boxes', () => {
    const exact = evaluateTrack(drive({ speedKmh: 50, frames: 15 }), context()).speed;
    const noisy = evaluateTrack(drive({ speedKmh: 50, frames: 15, noisePx: 2 }), context()).speed;
    expect(exact.fit!.residualM).toBeLessThan(1e-6);
    expect(noisy.fit!.residualM).toBeGreaterThan(0.01);
    expect(noisy.fit!.standardErrorKmh).toBeGreaterThan(exact.fit!.standardErrorKmh);
  });

  it('fits many frames, so one wild box moves the speed far less than a two-point estimate would', () => {
    const track = drive({ speedKmh: 60, frames: 20 });
    const wild = track.observations[19]!;
    track.observations[19] = { ...wild, box: { ...wild.box, y: wild.box.y - 6 } };
    const verdict = evaluateTrack(track, context(200)).speed;
    expect(verdict.measured && Math.abs(verdict.fit.speedKmh - 60)).toBeLessThan(2);
  });

  it('is no infraction at or under the limit plus the tolerance (Peru: 5 km/h)', () => {
    const verdict = evaluateTrack(drive({ speedKmh: 64, frames: 16 }), context(60));
    expect(verdict.speed.measured && verdict.speed.tolerance.consideredKmh).toBeCloseTo(59, 0);
    expect(verdict.infractions).toEqual([]);
  });

  it('is a SPEED_VIOLATION when the considered speed is above the limit', () => {
    const verdict = evaluateTrack(drive({ speedKmh: 75, frames: 16 }), context(60));
    expect(verdict.speed.measured && verdict.speed.tolerance).toMatchObject({ jurisdiction: 'PE', toleranceKmh: 5 });
    expect(verdict.speed.measured && verdict.speed.tolerance.consideredKmh).toBeCloseTo(70, 0);
    expect(verdict.infractions.map((i) => i.type)).toEqual(['SPEED_VIOLATION']);
  });

  it('applies the percentage tolerance of the jurisdiction above 100 km/h (Brazil: 7%)', () => {
    const verdict = evaluateTrack(drive({ speedKmh: 120, frames: 10 }), context(112, 'BR'));
    expect(verdict.speed.measured && verdict.speed.tolerance.toleranceKmh).toBeCloseTo(8.4, 0);
    expect(verdict.infractions).toEqual([]);
  });

  it('measures nothing from too few frames, and nothing from a motion that is no straight line', () => {
    expect(evaluateTrack(drive({ speedKmh: 80, frames: 3 }), context()).speed).toMatchObject({ measured: false, reason: 'TOO_FEW_SAMPLES' });
    const zigzag = drive({ speedKmh: 80, frames: 12, positionAt: (t) => ({ x: (Math.round(t * 10) % 2) * 3, y: 5 + 20 * t }) });
    expect(evaluateTrack(zigzag, context()).speed).toMatchObject({ measured: false, reason: 'POOR_FIT' });
  });

  it('leaves boxes cut by the frame edge out of the fit', () => {
    const track = drive({ speedKmh: 50, frames: 12 });
    track.observations[0] = { ...track.observations[0]!, cutByEdge: true, box: { x: 0, y: 0, w: 5, h: 5 } };
    const verdict = evaluateTrack(track, context(200)).speed;
    expect(verdict.measured && verdict.fit.samples).toBe(11);
    expect(verdict.measured && Math.abs(verdict.fit.speedKmh - 50)).toBeLessThan(0.5);
  });

  it('needs at least three samples spread in time to fit', () => {
    expect(fitSpeed([{ pts: 0, ground: { x: 0, y: 0 } }, { pts: 1, ground: { x: 0, y: 10 } }])).toBeNull();
  });
});

describe('speed of a point above the road', () => {
  it('scales positions back to the plate height, which the road-plane homography overstates', () => {
    // A plate 0.6 m up, seen by a camera 6 m up at the calibration origin, maps onto the
    // road 6 / 5.4 times as far: build the boxes where the camera really sees it.
    const truth = 60;
    const seenOnRoad = drive({ speedKmh: 0, frames: 16, positionAt: (t) => ({ x: 0, y: ((3 + (truth / 3.6) * t) * 6) / 5.4 }) });
    const naive = evaluateTrack(seenOnRoad, context(200)).speed;
    const corrected = evaluateTrack(seenOnRoad, { ...context(200), measuredPointHeight: { cameraHeightM: 6, pointHeightM: 0.6 } }).speed;
    expect(naive.measured && naive.fit.speedKmh).toBeGreaterThan(truth + 5);
    expect(corrected.measured && Math.abs(corrected.fit.speedKmh - truth)).toBeLessThan(0.5);
  });
});

describe('speed of a vehicle changing lanes', () => {
  it('is measured: the bend of the path counts across the track, not along it', () => {
    const laneChange = (t: number) => ({ x: -1.75 * (1 - Math.cos(Math.PI * Math.min(1, t / 1.2))), y: 3 + 12 * t });
    const verdict = evaluateTrack(drive({ speedKmh: 0, frames: 14, positionAt: laneChange }), context(200)).speed;
    expect(verdict.measured).toBe(true);
    expect(verdict.fit!.crossTrackResidualM).toBeGreaterThan(verdict.fit!.residualM);
    expect(verdict.measured && Math.abs(verdict.fit.speedKmh - 12 * 3.6)).toBeLessThan(2);
  });
});
