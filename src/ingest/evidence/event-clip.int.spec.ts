import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeStill } from '../frames/source-still.js';
import { ClipError, cutClip, cutClipSpan, cutClipWithStill } from './event-clip.js';

const run = promisify(execFile);
let folder: string;
let source: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'roadledger-event-clip-'));
  source = join(folder, 'source.mp4');
  // A real 6 s H.264 source with B-frames and a key frame every second (25 frames), as road cameras send.
  await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=6', '-c:v', 'libx264', '-g', '25', '-bf', '3', '-pix_fmt', 'yuv420p', '-y', source]);
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function saved(clip: Buffer, name: string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, clip);
  return path;
}

/** Each decoded frame's MD5, in presentation order. */
async function frameHashes(path: string, inputArgs: string[] = [], frames?: number): Promise<string[]> {
  const limit = frames === undefined ? [] : ['-frames:v', String(frames)];
  const { stdout } = await run('ffmpeg', ['-v', 'error', ...inputArgs, '-i', path, ...limit, '-f', 'framemd5', '-'], { maxBuffer: 16 << 20 });
  return stdout.split('\n').filter((line) => line && !line.startsWith('#')).map((line) => line.split(',').at(-1)!.trim());
}

describe('event clip', () => {
  it('copies whole GOPs: from the key frame at or before the window to the key frame after it', async () => {
    const { span } = await cutClipSpan(source, { atS: 2.5, beforeS: 1, afterS: 1 });
    // Window 1.5-3.5 s; key frames at 0, 1, 2, 3, 4, 5 s.
    expect(span).toEqual({ fromS: 1, toS: 4, packets: 75 });
  });

  it('a window that starts and ends on key frames copies just the window', async () => {
    const { span } = await cutClipSpan(source, { atS: 2, beforeS: 1, afterS: 1 });
    expect(span).toEqual({ fromS: 1, toS: 3, packets: 50 });
  });

  it('holds the source\'s own frames, bit for bit, and decodes without an error', async () => {
    const { clip, span } = await cutClipSpan(source, { atS: 3.3, beforeS: 1, afterS: 1 });
    const path = await saved(clip, 'own-frames.mp4');
    const { stderr } = await run('ffmpeg', ['-v', 'error', '-i', path, '-f', 'null', '-']);
    expect(stderr).toBe('');
    const fromSource = await frameHashes(source, ['-ss', span.fromS.toFixed(6)], span.packets);
    expect(fromSource).toHaveLength(span.packets);
    expect(await frameHashes(path)).toEqual(fromSource);
  });

  it('covers the event\'s time, and says in the MP4 where in the source it was cut', async () => {
    const { clip, span } = await cutClipSpan(source, { atS: 3.3, beforeS: 1, afterS: 1 });
    expect(span.fromS).toBeLessThanOrEqual(2.3);
    expect(span.toS).toBeGreaterThanOrEqual(4.3);
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:format_tags=comment', '-of', 'json', await saved(clip, 'covers.mp4')]);
    const format = (JSON.parse(stdout) as { format: { duration: string; tags: { comment: string } } }).format;
    expect(format.tags.comment).toBe('source pts 2.000000-5.000000 s');
    expect(Number(format.duration)).toBeCloseTo(span.toS - span.fromS, 1);
  });

  it('runs to the end of the file for an event in the last GOP', async () => {
    const { span } = await cutClipSpan(source, { atS: 5.6, beforeS: 1, afterS: 1 });
    expect(span).toEqual({ fromS: 4, toS: 6, packets: 50 });
  });

  it('gives the same bytes twice', async () => {
    const window = { atS: 1.7, beforeS: 1, afterS: 1 };
    expect((await cutClip(source, window)).equals(await cutClip(source, window))).toBe(true);
  });

  it('gives with the clip the source\'s full-size frame at the event, as a single-frame decode does', async () => {
    const { stdout: single } = await run('ffmpeg', ['-v', 'error', '-ss', '3.64', '-i', source, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { encoding: 'buffer' });
    const both = await cutClipWithStill(source, { atS: 3.64, beforeS: 1, afterS: 1 }, { width: 320, height: 240 });
    expect(both.still.equals(single.subarray(0, 320 * 240 * 3))).toBe(true);
    expect(both.clip.equals(await cutClip(source, { atS: 3.64, beforeS: 1, afterS: 1 }))).toBe(true);
  });

  it('fails with the reason when the source cannot be cut', async () => {
    const failure = await cutClip(join(folder, 'missing.mp4'), { atS: 1, beforeS: 1, afterS: 1 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ClipError);
    expect((failure as Error).message).toMatch(/could not cut a clip at 1.000 s from .*missing\.mp4: ffprobe failed: .*No such file/);
  });
});

describe('a file that does not start at 0 (a camera recording\'s clock)', () => {
  let shifted: string;
  beforeAll(async () => {
    // The same pictures, their timestamps 1.4 s later; the frame source counts from the file's start.
    shifted = join(folder, 'shifted.mp4');
    await run('ffmpeg', ['-v', 'error', '-itsoffset', '1.4', '-i', source, '-c', 'copy', '-y', shifted]);
  });

  it('the still is the frame the frame source gives at that pts', async () => {
    const still = await decodeStill(shifted, 2.2, { width: 320, height: 240 });
    const { stdout: original } = await run('ffmpeg', ['-v', 'error', '-ss', '2.2', '-i', source, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { encoding: 'buffer' });
    expect(still.equals(original.subarray(0, 320 * 240 * 3))).toBe(true);
  });

  it('the clip spans the same GOPs, counted from the file\'s start, with the same frames', async () => {
    const window = { atS: 2.5, beforeS: 1, afterS: 1 };
    const { clip, span } = await cutClipSpan(shifted, window);
    expect(span).toEqual((await cutClipSpan(source, window)).span);
    expect(await frameHashes(await saved(clip, 'shifted-clip.mp4'))).toEqual(await frameHashes(source, ['-ss', '1'], 75));
  });
});
