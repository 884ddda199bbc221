import { beforeAll, describe, expect, it } from 'vitest';
import { generatedVideo } from '../../../test/fixtures/video/generated-video.js';
import { centreInside, detectPlates, type DetectedFrame } from '../../../test/fixtures/video/plates-in-frames.js';
import { PpocrTextDetector } from './text-detector.js';

// Plates narrower than this (frame pixels) are too far away to read and need not be found.
const READABLE_WIDTH = 50;

describe('PP-OCR plate detector on a generated video', () => {
  let frames: DetectedFrame[];
  beforeAll(async () => {
    const video = await generatedVideo();
    frames = await detectPlates(video, await PpocrTextDetector.create({ size: 640 }));
  }, 120_000);

  it('finds every readable plate in every frame where it is wholly visible', () => {
    const missed: string[] = [];
    let expected = 0;
    for (const { frame, detections, plates } of frames) {
      for (const plate of plates.filter((p) => p.box.w >= READABLE_WIDTH)) {
        expected += 1;
        if (!detections.some((d) => centreInside(d.box, plate.box))) missed.push(`${plate.vehicleId}@${frame.pts}`);
      }
    }
    expect(expected).toBeGreaterThan(40);
    expect(missed).toEqual([]);
  });

  it('finds text only on vehicles, never on the road, its markings or the signal', () => {
    const stray = frames.flatMap(({ frame, detections, vehicles }) =>
      detections.filter((d) => !vehicles.some((v) => centreInside(d.box, v.box))).map((d) => `${frame.pts}:${JSON.stringify(d.box)}`),
    );
    expect(stray).toEqual([]);
  });

  it('gives boxes inside the frame with a score and the rotated outline', () => {
    for (const { frame, detections } of frames) {
      for (const d of detections) {
        expect(d.kind).toBe('plate');
        expect(d.score).toBeGreaterThan(0.6);
        expect(d.box.x).toBeGreaterThanOrEqual(0);
        expect(d.box.x + d.box.w).toBeLessThanOrEqual(frame.width);
        expect(d.polygon).toHaveLength(4);
      }
    }
  });
});
