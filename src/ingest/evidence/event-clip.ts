// A short clip around the event, cut from the source file and re-encoded as H.264 MP4
// (re-encoding lets the cut start at any instant, not only at a key frame).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ClipWindow {
  /** Seconds of the source's presentation time. */
  atS: number;
  beforeS: number;
  afterS: number;
}

export class ClipError extends Error {
  constructor(message: string, readonly stderr: string) {
    super(message);
    this.name = 'ClipError';
  }
}

export async function cutClip(sourcePath: string, window: ClipWindow): Promise<Buffer> {
  return (await cut(sourcePath, window, null)).clip;
}

/**
 * The clip and, from the same decoding, the raw RGB frame at `window.atS` (the frame
 * `ffmpeg -ss atS -i source -frames:v 1` gives): cutting a clip decodes from the key frame
 * before it anyway, and decoding once instead of twice is most of an infraction's
 * evidence cost when key frames are far apart.
 */
export async function cutClipWithStill(sourcePath: string, window: ClipWindow, size: { width: number; height: number }): Promise<{ clip: Buffer; still: Buffer }> {
  const { clip, still } = await cut(sourcePath, window, size);
  return { clip, still: still! };
}

async function cut(sourcePath: string, window: ClipWindow, stillSize: { width: number; height: number } | null): Promise<{ clip: Buffer; still: Buffer | null }> {
  const start = Math.max(0, window.atS - window.beforeS);
  const duration = window.atS + window.afterS - start;
  const folder = await mkdtemp(join(tmpdir(), 'roadledger-clip-'));
  const output = join(folder, 'clip.mp4');
  const stillOutput = join(folder, 'still.rgb');
  try {
    // Input seeking while transcoding is frame-accurate (ffmpeg decodes and drops up to
    // `start`); bitexact flags and a fixed thread count keep one input giving the same
    // bytes on every run. Preset ultrafast by measurement (docs/benchmarks.md): 0.65x the
    // CPU of veryfast for the same fidelity to the source (SSIM 0.970 vs 0.968 at CRF 23),
    // at about 3x the bytes (~0.8 MB per 2 s of 1080p). One encoder thread: the clip is made
    // beside the frame loop's detection, and a second thread bought no CPU.
    const args = ['-v', 'error', '-nostdin', '-ss', start.toFixed(3), '-i', sourcePath, '-t', duration.toFixed(3), '-an',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '23', '-threads', '1', '-pix_fmt', 'yuv420p',
      '-fflags', '+bitexact', '-flags:v', '+bitexact', '-map_metadata', '-1', '-movflags', '+faststart', '-y', output];
    // A second output of the same decoding: frames before the event are decoded and dropped.
    const offset = window.atS - Number(start.toFixed(3));
    if (stillSize) args.push('-an', '-ss', offset.toFixed(4), '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-y', stillOutput);
    try {
      await run('ffmpeg', args, { maxBuffer: 4 * 1024 * 1024 });
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '');
      throw new ClipError(`ffmpeg could not cut a clip at ${window.atS.toFixed(3)} s from ${sourcePath}: ${stderr.trim().split('\n')[0] ?? ''}`, stderr);
    }
    const bytes = await readFile(output);
    if (bytes.length === 0) throw new ClipError(`ffmpeg produced an empty clip at ${window.atS.toFixed(3)} s`, '');
    if (!stillSize) return { clip: bytes, still: null };
    const still = await readFile(stillOutput);
    if (still.length < stillSize.width * stillSize.height * 3) throw new ClipError(`ffmpeg gave no frame at ${window.atS.toFixed(3)} s of ${sourcePath}`, '');
    return { clip: bytes, still: still.subarray(0, stillSize.width * stillSize.height * 3) };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
