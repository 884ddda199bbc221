// npm run bench:ingest [-- --vehicle-model <yolo.onnx>] [-- --evidence-concurrency N] [-- --source-frames [--evidence-frame-mb N]]
// [-- --evidence-waiting N] — the whole ingest pipeline on a generated 1080p video (decode
// with ffmpeg at 5 fps to 960 px, PP-OCR plate detection at 640 px, tracking, rules in the
// frame loop; PP-OCR reading and evidence in the background queue; publish to the
// in-process transport): per stage p50/p99, frames/s and real-time factor at 5 fps for the
// frame loop and for the whole run (the queue drained), peak RSS, and the evidence's parts
// (still, clip, snapshot, SHA-256, store) per infraction. A vehicle model,
// when given, runs beside the plate detector and is timed on its own as well.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../src/app/logger.js';
import { KeepingProducer, printPutTimes, timeEvidenceParts, TimedStore } from './ingest-evidence-parts.js';
import { DEFAULT_TOLERANCES } from '../src/domain/shared/tolerance.js';
import { LocalEvidenceStore } from '../src/evidence/local/local-evidence-store.js';
import { CombinedDetector } from '../src/ingest/detect/combined-detector.js';
import { PpocrTextDetector } from '../src/ingest/detect/text-detector.js';
import { YoloVehicleDetector } from '../src/ingest/detect/yolo-vehicle-detector.js';
import { FileFrameSource } from '../src/ingest/frames/file-frame-source.js';
import { PpocrPlateReader } from '../src/ingest/ocr/ppocr-reader.js';
import { runPipeline } from '../src/ingest/pipeline/run-pipeline.js';
import { percentile } from '../src/ingest/pipeline/stage-timings.js';
import { deviceSettingsFromTruth } from '../src/ingest/synth/device-settings-from-truth.js';
import { generateVideo, truthPathFor } from '../src/ingest/synth/generate.js';
import type { VideoTruth } from '../src/ingest/synth/truth.js';
import type { Detector, Frame } from '../src/ingest/types.js';
import { InProcessTransport } from '../src/transport/in-process/in-process-transport.js';

const RATE = 5;
const vehicleModelAt = process.argv.indexOf('--vehicle-model');
const vehicleModel = vehicleModelAt > 0 ? process.argv[vehicleModelAt + 1] : undefined;
// --onnx-spinning: onnxruntime's own default (idle workers spin), for an A/B against ours.
const spinning = process.argv.includes('--onnx-spinning');
// --source-frames: snapshot frames kept at source size from the frame loop's own decoding,
// for an A/B against the default (each decoded again from the file).
const sourceFrames = process.argv.includes('--source-frames');
const numberArg = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : undefined;
};
const evidenceFrameMb = numberArg('--evidence-frame-mb');
const finishing = { concurrency: numberArg('--evidence-concurrency'), maxWaiting: numberArg('--evidence-waiting'), drainConcurrency: numberArg('--evidence-drain-concurrency') };
const video = join(tmpdir(), 'roadledger-bench-1080p.mp4');
if (!existsSync(video) || !existsSync(truthPathFor(video))) {
  const started = performance.now();
  await generateVideo({ output: video, width: 1920, height: 1080, durationS: 7 });
  console.log(`generated ${video} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const truth = JSON.parse(await readFile(truthPathFor(video), 'utf8')) as VideoTruth;
const device = deviceSettingsFromTruth(truth, { deviceId: 'bench-cam', zoneId: 'bench-zone', jurisdiction: 'PE' });

/** Times one detector's calls, so the vehicle model's share is visible beside the plates'. */
class Timed implements Detector {
  readonly samples: number[] = [];
  constructor(private readonly inner: Detector) {}
  async detect(frame: Frame) {
    const start = performance.now();
    try {
      return await this.inner.detect(frame);
    } finally {
      this.samples.push(performance.now() - start);
    }
  }
}

const plates = new Timed(await PpocrTextDetector.create({ size: 640, spinning }));
const vehicles = vehicleModel ? new Timed(await YoloVehicleDetector.create({ modelPath: vehicleModel, spinning })) : null;
const folder = await mkdtemp(join(tmpdir(), 'roadledger-bench-ingest-'));
const transport = new InProcessTransport({ logger: createLogger('silent') });
const publisher = new KeepingProducer(transport);
const store = new TimedStore(new LocalEvidenceStore({ root: join(folder, 'evidence'), publicBaseUrl: 'http://127.0.0.1:4000/evidence', signingSecret: 'bench' }));
const clockStart = new Date('2026-03-01T10:00:00Z');
const summary = await runPipeline({
  source: await FileFrameSource.open(video, { rate: RATE, analysisWidth: 960, sourceFrames }),
  sourcePath: video,
  detector: vehicles ? new CombinedDetector([plates, vehicles]) : plates,
  reader: await PpocrPlateReader.create({ spinning }),
  evidence: store,
  publisher,
  deviceId: device.deviceId,
  zone: device.zone,
  homography: device.homography,
  tolerances: DEFAULT_TOLERANCES,
  measuredPoint: device.measuredPoint,
  measuredPointHeight: device.measuredPointHeight,
  clockStart,
  finishing,
  ...(evidenceFrameMb === undefined ? {} : { evidenceFrameBytes: evidenceFrameMb * 2 ** 20 }),
});
await transport.close();

const fmt = (ms: number) => ms.toFixed(1).padStart(7);
const row = (name: string, calls: number, p50: number, p99: number, unit: string) =>
  console.log(`${name.padEnd(26)} n=${String(calls).padStart(4)}  p50 ${fmt(p50)} ms  p99 ${fmt(p99)} ms  (${unit})`);
const timed = (name: string, samples: number[], unit: string) => {
  const sorted = [...samples].sort((a, b) => a - b);
  row(name, sorted.length, percentile(sorted, 0.5), percentile(sorted, 0.99), unit);
};
const units: Record<string, string> = { still: 'wait per snapshot frame decoded again (the decode starts when the track ends)', decode: 'per frame', detect: 'per frame', signal: 'per frame', track: 'per frame', read: 'per plate crop', rules: 'per finished track', evidence: 'per infraction', publish: 'per batch' };
console.log(`video 1920x1080 ${truth.video.frameCount} frames, analysed at ${RATE} fps, frames 960 px wide, plate detection at 640 px, onnxruntime spinning ${spinning ? 'on' : 'off'}, snapshot frames ${sourceFrames ? 'kept from the frame loop' : 'decoded again'}${vehicleModel ? `, vehicle model ${vehicleModel}` : ''}`);
for (const [stage, figures] of Object.entries(summary.stages)) {
  row(stage, figures.calls, figures.p50Ms, figures.p99Ms, units[stage] ?? '');
  if (stage === 'detect') {
    timed('  detect: plates (PP-OCR)', plates.samples, 'per frame');
    if (vehicles) timed('  detect: vehicles (YOLO)', vehicles.samples, 'per frame');
  }
}
const rules = summary.stages.rules;
if (rules) console.log(`rules amortised          ${(rules.totalMs / summary.frames).toFixed(2)} ms per frame`);
console.log(`passages ${summary.passages}, infractions ${summary.infractions} ${JSON.stringify(summary.infractionsByType)}`);
const queue = summary.finishing;
console.log(`evidence queue: concurrency ${finishing.concurrency ?? 1}, at most ${finishing.maxWaiting ?? 4} waiting, ${finishing.drainConcurrency ?? 2} at once after the frame loop; ${queue.jobs} tracks, peak ${queue.peakWaiting} waiting, frame loop held back ${(queue.blockedMs / 1000).toFixed(2)} s`);
const pace = (name: string, seconds: number) => {
  const fps = summary.frames / seconds;
  console.log(`${name.padEnd(26)} ${summary.frames} frames in ${seconds.toFixed(2).padStart(6)} s = ${fps.toFixed(2)} frames/s; real-time factor ${(fps / RATE).toFixed(2)}x at ${RATE} fps`);
};
pace('frame loop', summary.frameLoop.wallSeconds);
pace('whole run (queue drained)', summary.wallSeconds);
console.log(`queue drained ${queue.drainSeconds.toFixed(2)} s after the frame loop ended`);
console.log(`peak RSS ${summary.peakRssMb} MB; ${sourceFrames ? `source-size snapshot frames held at most ${summary.keptFramesPeakMb} MiB (bound ${evidenceFrameMb ?? 160} MiB), ` : ''}${summary.stages.still?.calls ?? 0} snapshot frames decoded again`);
printPutTimes(store);
await timeEvidenceParts(publisher.infractions, { video, size: { width: truth.video.width, height: truth.video.height }, clockStart, store });
await rm(folder, { recursive: true, force: true });
