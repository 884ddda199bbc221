import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedVideo, type GeneratedVideo } from '../../../test/fixtures/video/generated-video.js';
import { centreInside, detectPlates, type DetectedFrame } from '../../../test/fixtures/video/plates-in-frames.js';
import { PpocrTextDetector } from '../detect/text-detector.js';
import type { PlateReader, PlateReading } from '../types.js';
import { combineReadings } from './combine-readings.js';
import { PpocrPlateReader } from './ppocr-reader.js';
import { TesseractPlateReader } from './tesseract-reader.js';

/** Each truth vehicle's readings over the frames where a detection lies on its plate. */
async function readTracks(frames: DetectedFrame[], reader: PlateReader): Promise<Map<string, PlateReading[]>> {
  const byVehicle = new Map<string, PlateReading[]>();
  for (const { frame, detections, plates } of frames) {
    for (const plate of plates) {
      const detection = detections.find((d) => centreInside(d.box, plate.box));
      if (!detection) continue;
      const reading = await reader.read(frame, detection.box);
      if (reading) byVehicle.set(plate.vehicleId, [...(byVehicle.get(plate.vehicleId) ?? []), reading]);
    }
  }
  return byVehicle;
}

describe('plate reading on a generated video', () => {
  let video: GeneratedVideo;
  let frames: DetectedFrame[];
  let tesseract: TesseractPlateReader | undefined;
  beforeAll(async () => {
    video = await generatedVideo();
    frames = await detectPlates(video, await PpocrTextDetector.create());
  }, 120_000);
  afterAll(async () => tesseract?.close());

  it('the video holds plates of both formats', () => {
    expect(new Set(video.truth.vehicles.map((v) => v.format))).toEqual(new Set(['PERU', 'MERCOSUR']));
  });

  it('PP-OCR reads every plate exactly, with its format and a high confidence', async () => {
    const tracks = await readTracks(frames, await PpocrPlateReader.create());
    for (const vehicle of video.truth.vehicles) {
      const best = combineReadings(tracks.get(vehicle.id) ?? []);
      expect({ id: vehicle.id, text: best?.text, format: best?.format }).toEqual({ id: vehicle.id, text: vehicle.plate, format: vehicle.format });
      expect(best!.reader).toBe('ppocr');
      expect(best!.confidence).toBeGreaterThan(0.7);
    }
  });

  it('tesseract reads every plate exactly from its offline language data', async () => {
    const log: string[] = [];
    tesseract = await TesseractPlateReader.create({ onLog: (m) => log.push(m) });
    // The language data came from the package folder (no network on this machine either).
    expect(log).toContain('loading language traineddata');
    const tracks = await readTracks(frames, tesseract);
    for (const vehicle of video.truth.vehicles) {
      const best = combineReadings(tracks.get(vehicle.id) ?? []);
      expect({ id: vehicle.id, text: best?.text, format: best?.format }).toEqual({ id: vehicle.id, text: vehicle.plate, format: vehicle.format });
      expect(best!.reader).toBe('tesseract');
    }
  });
});
