// A generated road video with known truth goes through the whole pipeline (real ffmpeg,
// ONNX detection, OCR, local evidence folder, in-process transport) and the right
// observations, infractions and evidence come out.
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { applyHomography, type Homography } from '../../domain/shared/homography.js';
import { DEFAULT_TOLERANCES } from '../../domain/shared/tolerance.js';
import { LocalEvidenceStore } from '../../evidence/local/local-evidence-store.js';
import { InProcessTransport } from '../../transport/in-process/in-process-transport.js';
import { drainTopic } from './testing/drain-topic.js';
import { TOPICS, type InfractionMessageV1, type ObservationMessageV1 } from '../../transport/messages/index.js';
import { MinioEvidenceStore } from '../../evidence/minio/minio-evidence-store.js';
import type { EvidenceStore } from '../../evidence/port.js';
import { PpocrTextDetector } from '../detect/text-detector.js';
import { FileFrameSource } from '../frames/file-frame-source.js';
import { PpocrPlateReader } from '../ocr/ppocr-reader.js';
import { generateVideo } from '../synth/generate.js';
import type { VideoTruth } from '../synth/truth.js';
import { IngestError, type Frame, type FrameSource } from '../types.js';
import { parseDeviceSettings, type DeviceSettings } from './device-settings.js';
import { ingestVideo } from './ingest-video.js';
import { runPipeline, type PipelineOptions } from './run-pipeline.js';
import type { PipelineSummary } from './summary.js';

let folder: string;
let video: string;
let truth: VideoTruth;
let detector: PpocrTextDetector;
let reader: PpocrPlateReader;

const flat = (m: number[][]): Homography => m.flat() as unknown as Homography;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'roadledger-pipeline-'));
  video = join(folder, 'road.mp4');
  ({ truth } = await generateVideo({ output: video, width: 960, height: 540, fps: 25, durationS: 7 }));
  [detector, reader] = await Promise.all([PpocrTextDetector.create(), PpocrPlateReader.create()]);
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const s3Endpoint = process.env.S3_ENDPOINT ?? 'http://127.0.0.1:19000';
const minioUp = await fetch(`${s3Endpoint}/minio/health/live`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);

/** A camera that drops after `frames` frames: the real file source, cut short. */
function dropsAfter(source: FrameSource, frames: number): FrameSource {
  return {
    info: source.info,
    close: () => source.close(),
    async *[Symbol.asyncIterator](): AsyncIterator<Frame> {
      let count = 0;
      for await (const frame of source) {
        if (count++ === frames) throw new IngestError('SOURCE_UNREACHABLE', 'camera stream lost');
        yield frame;
      }
    },
  };
}

async function ingest(path: string, overrides: Partial<PipelineOptions> & { evidenceStore?: EvidenceStore; failAfter?: number } = {}) {
  const transport = new InProcessTransport({ logger: createLogger('silent') });
  const evidence = overrides.evidenceStore ?? new LocalEvidenceStore({ root: join(folder, 'evidence'), publicBaseUrl: 'http://127.0.0.1:4000/evidence', signingSecret: 'pipeline-test-secret' });
  const source = await FileFrameSource.open(path, { rate: 10, analysisWidth: 960 }).then((file) =>
    overrides.failAfter === undefined ? file : dropsAfter(file, overrides.failAfter),
  );
  const settings = deviceSettings();
  const outcome = runPipeline({
    source,
    sourcePath: path,
    detector,
    reader,
    evidence,
    publisher: transport,
    deviceId: settings.deviceId,
    zone: settings.zone,
    homography: settings.homography,
    tolerances: DEFAULT_TOLERANCES,
    measuredPoint: settings.measuredPoint,
    measuredPointHeight: settings.measuredPointHeight,
    clockStart: CLOCK_START,
    ...overrides,
  });
  return collect(transport, evidence, outcome);
}

const CLOCK_START = new Date('2026-03-01T08:00:00Z');

/** The device as its settings file would describe it, from the generator's truth. */
function deviceSettings(): DeviceSettings {
  const toImage = (p: { x: number; y: number }) => applyHomography(flat(truth.calibration.groundToImage), p);
  return parseDeviceSettings({
    deviceId: 'cam-synth',
    calibration: { imageToGround: truth.calibration.imageToGround },
    // The generator's camera is 5.5 m up; plates are centred 0.51 m above the road.
    measuredPoint: 'centre',
    measuredPointHeight: { cameraHeightM: 5.5, pointHeightM: 0.51 },
    zone: {
      zoneId: 'synth-zone',
      speedLimitKmh: truth.scene.speedLimitKmh,
      jurisdiction: 'PE',
      stopLine: {
        line: { a: truth.scene.stopLine.image[0], b: truth.scene.stopLine.image[1] },
        approachSide: toImage({ x: 0, y: 10 }),
        signal: { kind: 'region', region: truth.scene.signal.region },
      },
      lanes: { solidLines: [{ lineId: 'centre', points: truth.scene.centreLine.image }], minFrames: 3 },
    },
  });
}

async function collect(transport: InProcessTransport, evidence: EvidenceStore, outcome: Promise<PipelineSummary>) {
  const { summary, error } = await outcome.then(
    (summary) => ({ summary, error: null }),
    (error: unknown) => ({ summary: null, error }),
  );
  const observations = await drainTopic<ObservationMessageV1>(transport, TOPICS.observations);
  const infractions = await drainTopic<InfractionMessageV1>(transport, TOPICS.infractions);
  await transport.close();
  return { summary: summary as PipelineSummary, error, observations, infractions, evidence };
}

describe('ingest pipeline on a generated video', () => {
  let run: Awaited<ReturnType<typeof ingest>>;
  beforeAll(async () => {
    run = await ingest(video);
  }, 600_000);

  it('reports every frame analysed and a time per stage', () => {
    expect(run.summary.frames).toBe(70);
    expect(run.summary.passages).toBe(truth.vehicles.length);
    for (const stage of ['decode', 'detect', 'track', 'read', 'rules', 'evidence', 'publish'] as const) expect(run.summary.stages[stage]?.calls).toBeGreaterThan(0);
  });

  it('publishes one observation per vehicle, with its plate read exactly (both formats)', () => {
    expect(run.observations.map((o) => o.plate?.text).sort()).toEqual(truth.vehicles.map((v) => v.plate).sort());
  });

  it('measures each moving vehicle within 2 km/h of the truth', () => {
    for (const vehicle of truth.vehicles.filter((v) => !v.stopsBeforeLine)) {
      const observed = run.observations.find((o) => o.plate?.text === vehicle.plate);
      expect(Math.abs((observed?.speedKmh ?? -100) - vehicle.speedKmh), vehicle.plate).toBeLessThanOrEqual(2);
    }
  });

  it('publishes exactly the expected infractions: speeder, red-light runner, lane invader; none for the car that stops', () => {
    const expected = truth.vehicles.flatMap((v) => v.expectedInfractions.map((type) => `${v.plate} ${type}`)).sort();
    expect(run.infractions.map((i) => `${i.plate?.text} ${i.infractionType}`).sort()).toEqual(expected);
  });

  it('stores evidence whose bytes hash to the SHA-256 in the message', async () => {
    for (const infraction of run.infractions) {
      expect(infraction.evidence.map((e) => e.kind)).toEqual(['SNAPSHOT', 'CLIP']);
      for (const item of infraction.evidence) {
        expect(createHash('sha256').update(await run.evidence.get(item.uri)).digest('hex')).toBe(item.sha256);
      }
    }
  });

  it(`publishes the same message ids and evidence hashes when the same video is ingested again${minioUp ? ', with its evidence in MinIO' : ' (MinIO not running: evidence in the local folder)'}; snapshot frames kept from the frame loop or decoded again (the run above) are the same`, async () => {
    let evidenceStore: EvidenceStore | undefined;
    if (minioUp) {
      const minio = new MinioEvidenceStore({ endpoint: s3Endpoint, accessKey: 'roadledger', secretKey: 'roadledger-secret', bucket: `pipeline-${Date.now()}`, region: 'us-east-1' });
      await minio.ensureBucket();
      evidenceStore = minio;
    }
    // Through the CLI's composition (models loaded anew, settings as from a file).
    const transport = new InProcessTransport({ logger: createLogger('silent') });
    const store = evidenceStore ?? new LocalEvidenceStore({ root: join(folder, 'evidence-again'), publicBaseUrl: 'http://127.0.0.1:4000/evidence', signingSecret: 'pipeline-test-secret' });
    const again = await collect(transport, store, ingestVideo({ input: video, device: deviceSettings(), evidence: store, publisher: transport, tolerances: DEFAULT_TOLERANCES, clockStart: CLOCK_START, keepSourceFrames: true }));
    expect(again.observations.map((o) => o.messageId).sort()).toEqual(run.observations.map((o) => o.messageId).sort());
    expect(again.infractions.map((o) => o.messageId).sort()).toEqual(run.infractions.map((o) => o.messageId).sort());
    const hashes = (infractions: InfractionMessageV1[]) => infractions.map((i) => `${i.messageId} ${i.evidence.map((e) => `${e.kind} ${e.sha256}`).join(' ')}`).sort();
    expect(hashes(again.infractions)).toEqual(hashes(run.infractions));
    // The run above decoded each snapshot frame again; this one took every one from the frame loop.
    expect([run.summary.stages.still?.calls, again.summary.stages.still?.calls]).toEqual([run.infractions.length, undefined]);
    for (const item of again.infractions.flatMap((i) => i.evidence)) {
      expect(item.uri.startsWith(minioUp ? 's3://' : 'evidence://local/')).toBe(true);
      expect(createHash('sha256').update(await again.evidence.get(item.uri)).digest('hex')).toBe(item.sha256);
    }
  }, 600_000);

  it('publishes nothing from a file run whose source fails part-way, though passages had ended before', async () => {
    const failed = await ingest(video, { failAfter: 45 });
    expect(failed.error).toMatchObject({ code: 'SOURCE_UNREACHABLE', message: expect.stringContaining('nothing was published') });
    expect([failed.observations, failed.infractions]).toEqual([[], []]);
  }, 600_000);

  it('in per-track mode, publishes the passages that ended before the failure, each with its evidence', async () => {
    const failed = await ingest(video, { failAfter: 45, publishMode: 'per-track' });
    expect(failed.error).toMatchObject({ code: 'SOURCE_UNREACHABLE' });
    expect(failed.observations.length).toBeGreaterThan(0);
    expect(failed.observations.length).toBeLessThan(truth.vehicles.length);
    for (const infraction of failed.infractions) expect(infraction.evidence.length).toBeGreaterThan(0);
  }, 600_000);

  it('refuses a truncated video with a clear error and publishes nothing', async () => {
    const cut = join(folder, 'truncated.mp4');
    await copyFile(video, cut);
    const handle = await open(cut, 'r+');
    await handle.truncate(Math.floor((await stat(cut)).size * 0.6));
    await handle.close();
    // The file source checks the file whole before the first frame: it fails on open.
    await expect(ingest(cut)).rejects.toMatchObject({ code: 'CORRUPT_VIDEO' });
  });
});
