import { describe, expect, it } from 'vitest';
import { applyHomography, createCamera } from './camera.js';
import { synthCamera } from './generate.js';
import { defaultScene } from './scene.js';
import { buildTruth } from './truth.js';

const camera = createCamera(synthCamera(960, 540));
const truth = buildTruth(defaultScene(), camera, 'road.mp4', 25, 175);
const vehicle = (plate: string) => truth.vehicles.find((v) => v.plate === plate)!;

describe('synthetic video truth', () => {
  it('exports a calibration whose two homographies invert each other on the reference points', () => {
    expect(truth.calibration.referencePoints.length).toBeGreaterThanOrEqual(4);
    for (const { image, ground } of truth.calibration.referencePoints) {
      const [x, y] = applyHomography(truth.calibration.imageToGround, image.x, image.y);
      expect(x).toBeCloseTo(ground.x, 6);
      expect(y).toBeCloseTo(ground.y, 6);
    }
  });

  it('places a road-level point of a vehicle where the camera projects it', () => {
    const sample = vehicle('ABC-123').frames[10]!;
    const [u, v] = camera.project(sample.ground.x, sample.ground.y, 0);
    const [x, y] = applyHomography(truth.calibration.imageToGround, u, v);
    expect({ x, y }).toEqual({ x: expect.closeTo(sample.ground.x, 6), y: expect.closeTo(sample.ground.y, 6) });
  });

  it('moves a cruising vehicle at its stated speed', () => {
    const frames = vehicle('BRA2E19').frames;
    const [a, b] = [frames[0]!, frames[10]!];
    expect(((b.ground.y - a.ground.y) / (b.pts - a.pts)) * 3.6).toBeCloseTo(vehicle('BRA2E19').speedKmh, 6);
  });

  it('expects a speeding, a red-light and a lane infraction, and none for the car that stops', () => {
    expect(truth.vehicles.map((v) => [v.plate, v.expectedInfractions])).toEqual([
      ['ABC-123', []],
      ['BRA2E19', ['SPEED_VIOLATION']],
      ['LMN-456', ['LANE_INVASION']],
      ['PTS3K71', []],
      ['RTX-482', ['RED_LIGHT']],
    ]);
    expect(vehicle('PTS3K71').stopLine.frontCrossesAt).toBeNull();
    expect(vehicle('RTX-482').stopLine.frontCrossesAt).toBeGreaterThan(truth.scene.signal.timetable[2]!.from);
  });

  it('gives the signal region inside the image and lanes on either side of the centre line', () => {
    const { region } = truth.scene.signal;
    expect(region.x).toBeGreaterThan(0);
    expect(region.y).toBeGreaterThan(0);
    expect(region.x + region.w).toBeLessThan(960);
    expect(truth.scene.lanes.map((l) => l.id)).toEqual([1, 2]);
  });
});
