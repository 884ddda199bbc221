// A generated road video through the whole pipeline as the CLI runs it (ingestVideo: real
// ffmpeg, PP-OCR detection and reading, tracker, rules, evidence, publish) with a YOLO-format
// vehicle model given by path. The model, test/fixtures/models/yolo-synth-vehicles.onnx
// (built by tools/models/build-synth-vehicle-fixture.py), finds the synthetic scene's
// vehicles from the picture itself: a nearest-colour segmenter of the scene's palette that
// answers, per body colour, the box of that body as a YOLOv8 export would. Each body colour
// has its own class, so the published class tells which vehicle a plate was linked to.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { DEFAULT_TOLERANCES } from '../../domain/shared/tolerance.js';
import { LocalEvidenceStore } from '../../evidence/local/local-evidence-store.js';
import { InProcessTransport } from '../../transport/in-process/in-process-transport.js';
import { drainTopic } from './testing/drain-topic.js';
import { TOPICS, type InfractionMessageV1, type ObservationMessageV1 } from '../../transport/messages/index.js';
import { iou } from '../track/box-geometry.js';
import { ppocrModelPaths } from '../detect/ppocr-models.js';
import { YoloVehicleDetector } from '../detect/yolo-vehicle-detector.js';
import { FileFrameSource } from '../frames/file-frame-source.js';
import { deviceSettingsFromTruth } from '../synth/device-settings-from-truth.js';
import { generateVideo } from '../synth/generate.js';
import { defaultScene } from '../synth/scene.js';
import type { VideoTruth } from '../synth/truth.js';
import type { Box } from '../types.js';
import { ingestVideo, type IngestVideoOptions } from './ingest-video.js';
import type { PipelineProgress } from './summary.js';

const VEHICLE_MODEL = fileURLToPath(new URL('../../../test/fixtures/models/yolo-synth-vehicles.onnx', import.meta.url));
/** The class the model answers for each body colour (tools/models/build-synth-vehicle-fixture.py). */
const CLASS_OF_COLOUR: Record<string, string> = { '#2f5d9e': 'car', '#b33a3a': 'truck', '#3c8d4f': 'bus', '#d9d9d9': 'motorcycle', '#7a4fa0': 'car' };
const CLOCK_START = new Date('2026-03-01T08:00:00Z');

let folder: string;
let video: string;
let truth: VideoTruth;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'roadledger-vehicle-model-'));
  video = join(folder, 'road.mp4');
  ({ truth } = await generateVideo({ output: video, width: 960, height: 540, fps: 25, durationS: 7 }));
}, 300_000);
afterAll(() => rm(folder, { recursive: true, force: true }));

/** The class the model gives each truth vehicle, by the colour the scene paints it. */
function expectedClass(vehicleId: string): string {
  const colour = defaultScene().vehicles.find((v) => v.id === vehicleId)!.color;
  return CLASS_OF_COLOUR[colour]!;
}

/** Runs ingestVideo as the CLI composes it and gathers what it published and reported. */
async function ingest(vehicleModel: IngestVideoOptions['vehicleModel'], evidenceRoot: string) {
  const transport = new InProcessTransport({ logger: createLogger('silent') });
  const evidence = new LocalEvidenceStore({ root: evidenceRoot, publicBaseUrl: 'http://127.0.0.1:4000/evidence', signingSecret: 'vehicle-model-test' });
  const progress: PipelineProgress[] = [];
  const outcome = await ingestVideo({
    input: video,
    device: deviceSettingsFromTruth(truth, { deviceId: 'cam-synth', zoneId: 'synth-zone', jurisdiction: 'PE' }),
    evidence,
    publisher: transport,
    tolerances: DEFAULT_TOLERANCES,
    clockStart: CLOCK_START,
    vehicleModel,
    onProgress: (p) => progress.push(p),
  }).then(
    (summary) => ({ summary, error: null }),
    (error: unknown) => ({ summary: null, error }),
  );
  const observations = await drainTopic<ObservationMessageV1>(transport, TOPICS.observations);
  const infractions = await drainTopic<InfractionMessageV1>(transport, TOPICS.infractions);
  await transport.close();
  return { ...outcome, progress, observations, infractions, evidence };
}

function inside(box: Box, width: number, height: number): boolean {
  return box.x >= 0 && box.y >= 0 && box.x + box.w <= width && box.y + box.h <= height;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('the synthetic-scene vehicle model', () => {
  it('finds each vehicle where the video\'s truth puts it, in every analysed frame where it is whole and unobstructed', async () => {
    const detector = await YoloVehicleDetector.create({ modelPath: VEHICLE_MODEL });
    const source = await FileFrameSource.open(video, { rate: 10, analysisWidth: 960 });
    const worst = new Map<string, number>();
    let compared = 0;
    for await (const frame of source) {
      const detections = await detector.detect(frame);
      const index = Math.round(frame.pts * truth.video.fps);
      const present = truth.vehicles.flatMap((v) => v.frames.filter((f) => f.index === index).map((f) => ({ vehicle: v, box: f.vehicleBox })));
      for (const { vehicle, box } of present) {
        const others = present.filter((p) => p.vehicle !== vehicle);
        if (!inside(box, frame.width, frame.height) || others.some((o) => overlaps(o.box, box))) continue;
        const label = expectedClass(vehicle.id);
        const best = Math.max(0, ...detections.filter((d) => d.label === label).map((d) => iou(d.box, box)));
        worst.set(vehicle.plate, Math.min(worst.get(vehicle.plate) ?? 1, best));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(50);
    expect([...worst.keys()].sort()).toEqual(truth.vehicles.map((v) => v.plate).sort());
    // The truth box bounds the 3-D body down to the road; the model sees the painted body:
    // no wheels, and no roof for the light grey car (its roof is the plates' white).
    for (const [plate, overlap] of worst) expect(overlap, plate).toBeGreaterThan(0.65);
  }, 300_000);
});

describe('ingest of a generated video with a YOLO vehicle model given by path', () => {
  let run: Awaited<ReturnType<typeof ingest>>;
  beforeAll(async () => {
    run = await ingest({ modelPath: VEHICLE_MODEL }, join(folder, 'evidence'));
    if (run.error) throw run.error;
  }, 600_000);

  const truthOf = (plate: string | undefined) => truth.vehicles.find((v) => v.plate === plate);

  it('runs the vehicle model on every analysed frame', () => {
    expect(run.summary?.frames).toBe(70);
    expect(run.summary?.stages.detect?.calls).toBe(70);
  });

  it('reads every plate exactly (both formats) with the vehicle boxes tracked beside them', () => {
    expect(run.observations.map((o) => o.plate?.text).sort()).toEqual(truth.vehicles.map((v) => v.plate).sort());
  });

  it('links each plate track to its own vehicle: the observation carries the class the model gave that vehicle', () => {
    const published = run.observations.map((o) => [o.plate?.text, o.vehicleClass]).sort();
    expect(published).toEqual(truth.vehicles.map((v) => [v.plate, expectedClass(v.id)]).sort());
  });

  it('publishes exactly the expected infractions, each pointing at the observation that carries its vehicle', () => {
    const expected = truth.vehicles.flatMap((v) => v.expectedInfractions.map((type) => `${v.plate} ${type}`)).sort();
    expect(run.infractions.map((i) => `${i.plate?.text} ${i.infractionType}`).sort()).toEqual(expected);
    for (const infraction of run.infractions) {
      const observation = run.observations.find((o) => o.messageId === infraction.observationId);
      expect(observation?.vehicleClass, infraction.plate?.text).toBe(expectedClass(truthOf(infraction.plate?.text)!.id));
    }
  });

  it('stores evidence whose bytes hash to the SHA-256 in the message', async () => {
    for (const item of run.infractions.flatMap((i) => i.evidence)) {
      expect(createHash('sha256').update(await run.evidence.get(item.uri)).digest('hex')).toBe(item.sha256);
    }
  });
});

describe('a vehicle model that does not fit', () => {
  it('is refused with a clear error before any frame is processed: no progress, nothing published, no evidence', async () => {
    const evidenceRoot = join(folder, 'evidence-refused');
    // A real ONNX model, but a text detector: its output is a probability map, not a YOLO table.
    const refused = await ingest({ modelPath: ppocrModelPaths().detection }, evidenceRoot);
    expect(refused.error).toMatchObject({
      code: 'MODEL_FAILED',
      message: expect.stringMatching(/ch_PP-OCRv4_det_infer\.onnx is not a YOLO-format detector of 80 classes/),
    });
    expect(refused.progress).toEqual([]);
    expect([refused.observations, refused.infractions]).toEqual([[], []]);
    expect(existsSync(evidenceRoot)).toBe(false);
  }, 120_000);
});
