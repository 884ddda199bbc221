// The real onnxruntime session on the tiny YOLO-format models of test/fixtures/models
// (built by tools/models/build-yolo-fixtures.py). Their six candidates, in input pixels of
// 320 x 256, with each score multiplied by the brightest input value:
//   car 0.9 at (100,128) 80x40 · the same car 0.8 at (104,130) · a truck 0.7 at (104,130)
//   a person 0.95 · a bus 0.3 · a motorcycle 0.6 at (250,200) 40x60
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Detection, Frame } from '../types.js';
import { ppocrModelPaths } from './ppocr-models.js';
import { YoloVehicleDetector } from './yolo-vehicle-detector.js';

const model = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/models/${name}.onnx`, import.meta.url));
const FIXED = model('yolo-fixture-320x256');
const DYNAMIC = model('yolo-fixture-dynamic-transposed');

/** A 960 x 540 frame (letterboxed into 320 x 256 at scale 1/3 with 38 px of grey above). */
function frame(fill: number, whitePixel = true): Frame {
  const rgb = Buffer.alloc(960 * 540 * 3, fill);
  if (whitePixel) rgb.fill(255, 0, 3 * 960 * 4); // four white rows: the brightest input value is 1
  return { index: 0, pts: 0, width: 960, height: 540, rgb };
}

function rounded(detections: Detection[]) {
  return detections.map((d) => ({
    label: d.label,
    kind: d.kind,
    score: Math.round(d.score * 1000) / 1000,
    box: { x: Math.round(d.box.x * 1000) / 1000, y: Math.round(d.box.y * 1000) / 1000, w: Math.round(d.box.w * 1000) / 1000, h: Math.round(d.box.h * 1000) / 1000 },
  }));
}

// Candidate boxes mapped back: x / (1/3), (y - 38) / (1/3); the motorcycle runs past the
// frame's bottom (576 > 540) and is clipped.
const CAR = { label: 'car', kind: 'vehicle', score: 0.9, box: { x: 180, y: 210, w: 240, h: 120 } };
const TRUCK = { label: 'truck', kind: 'vehicle', score: 0.7, box: { x: 192, y: 216, w: 240, h: 120 } };
const MOTORCYCLE = { label: 'motorcycle', kind: 'vehicle', score: 0.6, box: { x: 690, y: 396, w: 120, h: 144 } };

describe('YOLO vehicle detector on a real onnxruntime session', () => {
  it('reads the input size from the model and decodes [1, 84, N]: vehicles only, NMS per class, boxes in frame pixels', async () => {
    const detector = await YoloVehicleDetector.create({ modelPath: FIXED, confidence: 0.4, iouThreshold: 0.45 });
    expect(detector.inputSize).toEqual({ width: 320, height: 256 });
    expect(rounded(await detector.detect(frame(40)))).toEqual([CAR, TRUCK, MOTORCYCLE]);
    expect(detector.layout).toBe('channels-first');
  });

  it('applies the confidence threshold and the configured classes', async () => {
    const onlyCars = await YoloVehicleDetector.create({ modelPath: FIXED, classes: { 2: 'car', 5: 'bus' }, confidence: 0.25 });
    expect(rounded(await onlyCars.detect(frame(40)))).toEqual([CAR, { label: 'bus', kind: 'vehicle', score: 0.3, box: { x: 330, y: 411, w: 300, h: 129 } }]);
    const strict = await YoloVehicleDetector.create({ modelPath: FIXED, confidence: 0.75 });
    expect(rounded(await strict.detect(frame(40))).map((d) => d.label)).toEqual(['car']);
  });

  it('feeds pixels as value / 255 with the letterbox grey 114: a black frame scores as that grey', async () => {
    const detector = await YoloVehicleDetector.create({ modelPath: FIXED, confidence: 0.4 });
    const detections = rounded(await detector.detect(frame(0, false)));
    // 0.9 x 114/255 = 0.402 stays; the truck (0.313) and the motorcycle (0.268) fall under 0.4.
    expect(detections).toEqual([{ ...CAR, score: 0.402 }]);
  });

  it('reads the transposed [1, N, 84] of a model with a dynamic input at the configured size', async () => {
    const detector = await YoloVehicleDetector.create({ modelPath: DYNAMIC, inputSize: { width: 320, height: 256 } });
    expect(detector.inputSize).toEqual({ width: 320, height: 256 });
    expect(rounded(await detector.detect(frame(40)))).toEqual([CAR, TRUCK, MOTORCYCLE]);
    expect(detector.layout).toBe('boxes-first');
  });

  it('refuses, when loading it, a model whose output is no YOLO table (the PP-OCR text detector)', async () => {
    const detection = ppocrModelPaths().detection;
    await expect(YoloVehicleDetector.create({ modelPath: detection, inputSize: { width: 320, height: 256 } })).rejects.toMatchObject({
      code: 'MODEL_FAILED',
      message: expect.stringMatching(/is not a YOLO-format detector of 80 classes: YOLO output must be \[1, a, b\], got \[1, 1, 256, 320\]/),
    });
  });

  it('refuses a YOLO model read with another class count, or asked for classes it does not have', async () => {
    await expect(YoloVehicleDetector.create({ modelPath: FIXED, numClasses: 20, classes: { 2: 'car' } })).rejects.toMatchObject({
      code: 'MODEL_FAILED',
      message: expect.stringContaining('has no axis of 4 + 20 classes = 24'),
    });
    await expect(YoloVehicleDetector.create({ modelPath: FIXED, classes: { 2: 'car', 91: 'tram' } })).rejects.toMatchObject({
      code: 'MODEL_FAILED',
      message: expect.stringContaining('vehicle class id(s) 91 are not among the 80 classes'),
    });
  });

  it('refuses a model path that does not exist with MODEL_MISSING', async () => {
    await expect(YoloVehicleDetector.create({ modelPath: '/nonexistent/yolo.onnx' })).rejects.toMatchObject({ code: 'MODEL_MISSING' });
  });
});
