import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatedVideo, type GeneratedVideo } from '../../../test/fixtures/video/generated-video.js';
import { IngestError, type Frame } from '../types.js';
import { FileFrameSource, takeSourceFrame } from './file-frame-source.js';
import { decodeStill } from './source-still.js';

async function collect(source: FileFrameSource): Promise<Frame[]> {
  const frames: Frame[] = [];
  for await (const frame of source) frames.push(frame);
  return frames;
}

async function failure(promise: Promise<unknown>): Promise<IngestError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(IngestError);
  return error as IngestError;
}

describe('file frame source', () => {
  let video: GeneratedVideo;
  const work = mkdtempSync(join(tmpdir(), 'roadledger-frames-'));
  beforeAll(async () => {
    video = await generatedVideo();
  }, 120_000);

  it('keeps the first frame of each 1/rate slot and gives its exact presentation time', async () => {
    const source = await FileFrameSource.open(video.path, { rate: 5, analysisWidth: 640 });
    const frames = await collect(source);
    // 25 fps source at 5 fps: every fifth source frame, at k * 0.2 s exactly.
    expect(frames.map((f) => f.pts)).toEqual(Array.from({ length: 35 }, (_, k) => Number((k * 0.2).toFixed(6))).map((t) => expect.closeTo(t, 6)));
    expect(frames.map((f) => f.index)).toEqual(frames.map((_, i) => i));
  });

  it('with a rate that does not divide the source rate, pts are real frame times, never retimed', async () => {
    const frames = await collect(await FileFrameSource.open(video.path, { rate: 3, analysisWidth: 320 }));
    const sourceTimes = new Set(Array.from({ length: video.truth.video.frameCount }, (_, i) => (i / video.truth.video.fps).toFixed(4)));
    expect(frames.length).toBe(21);
    for (const frame of frames) expect(sourceTimes.has(frame.pts.toFixed(4))).toBe(true);
    // Slot k holds the first source frame at or after k/3 s.
    expect(frames.slice(0, 4).map((f) => f.pts)).toEqual([0, 0.36, 0.68, 1].map((t) => expect.closeTo(t, 6)));
  });

  it('without a rate delivers every frame at i / fps, scaled to the analysis width', async () => {
    const source = await FileFrameSource.open(video.path, { analysisWidth: 480 });
    expect(source.info).toEqual({ width: 480, height: 270, scaleToSource: 2, sourceWidth: 960, sourceHeight: 540 });
    const frames = await collect(source);
    expect(frames).toHaveLength(video.truth.video.frameCount);
    frames.forEach((frame, i) => {
      expect(frame.pts).toBeCloseTo(i / 25, 6);
      expect(frame.rgb.length).toBe(480 * 270 * 3);
    });
  });

  it('asked for source frames, gives each kept frame at the source size too: the frame a single-frame decode gives, handed over once', async () => {
    const plain = await collect(await FileFrameSource.open(video.path, { rate: 5, analysisWidth: 480 }));
    const frames = await collect(await FileFrameSource.open(video.path, { rate: 5, analysisWidth: 480, sourceFrames: true }));
    const digest = (f: Frame) => [f.pts, createHash('sha256').update(f.rgb).digest('hex')];
    expect(frames.map(digest)).toEqual(plain.map(digest));
    const sources = frames.map((f) => takeSourceFrame(f));
    for (const at of [0, 13, 34]) {
      const still = await decodeStill(video.path, frames[at]!.pts, { width: 960, height: 540 });
      expect([sources[at]?.pts, sources[at]?.width, sources[at]?.height]).toEqual([frames[at]!.pts, 960, 540]);
      expect(sources[at]!.rgb.equals(still)).toBe(true);
    }
    expect(takeSourceFrame(frames[0]!)).toBeUndefined();
    expect(takeSourceFrame(plain[0]!)).toBeUndefined();
  });

  it('stops ffmpeg when the consumer stops early', async () => {
    const source = await FileFrameSource.open(video.path, { rate: 5, analysisWidth: 320 });
    let seen = 0;
    for await (const frame of source) {
      seen = frame.index + 1;
      if (seen === 3) break;
    }
    expect(seen).toBe(3);
  });

  it('refuses a truncated file before giving any frame', async () => {
    const truncated = join(work, 'truncated.mp4');
    const whole = readFileSync(video.path);
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const error = await failure(FileFrameSource.open(truncated, { rate: 5 }));
    expect(error.code).toBe('CORRUPT_VIDEO');
    expect(error.message).toMatch(/truncated/);
  });

  it('refuses a truncated file whose index sits at its end', async () => {
    const indexLast = join(work, 'index-last.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', video.path, '-c', 'copy', indexLast]);
    const whole = readFileSync(indexLast);
    writeFileSync(indexLast, whole.subarray(0, Math.floor(whole.length * 0.6)));
    expect((await failure(FileFrameSource.open(indexLast))).code).toBe('CORRUPT_VIDEO');
  });

  it('refuses a file that is not a video, and names a missing one', async () => {
    const garbage = join(work, 'garbage.mp4');
    writeFileSync(garbage, Buffer.alloc(4096, 7));
    expect((await failure(FileFrameSource.open(garbage))).code).toBe('CORRUPT_VIDEO');
    expect((await failure(FileFrameSource.open(join(work, 'absent.mp4')))).code).toBe('SOURCE_NOT_FOUND');
  });
});
