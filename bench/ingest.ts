// npm run bench:ingest — per-stage cost of the vision half of ingest on a generated 1080p
// video: decode (ffmpeg, 5 fps, 960 px), plate detection (PP-OCR det at 640 px) and plate
// reading (PP-OCR rec per crop), with p50/p99, frames/s, real-time factor and peak RSS.
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PpocrTextDetector } from '../src/ingest/detect/text-detector.js';
import { FileFrameSource } from '../src/ingest/frames/file-frame-source.js';
import { PpocrPlateReader } from '../src/ingest/ocr/ppocr-reader.js';
import { generateVideo } from '../src/ingest/synth/generate.js';

const RATE = 5;
const video = join(tmpdir(), 'roadledger-bench-1080p.mp4');
if (!existsSync(video)) {
  const started = performance.now();
  await generateVideo({ output: video, width: 1920, height: 1080, durationS: 7 });
  console.log(`generated ${video} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const detector = await PpocrTextDetector.create({ size: 640 });
const reader = await PpocrPlateReader.create();
const source = await FileFrameSource.open(video, { rate: RATE, analysisWidth: 960 });
const decode: number[] = [];
const detect: number[] = [];
const read: number[] = [];
let peakRss = process.memoryUsage().rss;
const started = performance.now();
let mark = performance.now();
let frames = 0;
for await (const frame of source) {
  decode.push(performance.now() - mark);
  let t = performance.now();
  const detections = await detector.detect(frame);
  detect.push(performance.now() - t);
  for (const detection of detections) {
    t = performance.now();
    await reader.read(frame, detection.box);
    read.push(performance.now() - t);
  }
  frames += 1;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  mark = performance.now();
}
const wall = (performance.now() - started) / 1000;

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
};
const row = (name: string, values: number[], unit: string) =>
  console.log(`${name.padEnd(22)} n=${String(values.length).padStart(4)}  p50 ${pct(values, 50).toFixed(1).padStart(7)} ms  p99 ${pct(values, 99).toFixed(1).padStart(7)} ms  (${unit})`);
console.log(`video 1920x1080, analysed at ${RATE} fps, frames 960 px wide, detection at 640 px`);
row('decode', decode, 'per frame');
row('detect (PP-OCR det)', detect, 'per frame');
row('read (PP-OCR rec)', read, 'per plate crop');
console.log(`frames ${frames} in ${wall.toFixed(2)} s = ${(frames / wall).toFixed(2)} frames/s; real-time factor ${(frames / wall / RATE).toFixed(2)}x at ${RATE} fps`);
console.log(`peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
