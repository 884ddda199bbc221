// The frame an infraction's snapshot is drawn on. From a file, it is decoded again at the
// source's full resolution (better evidence than the analysis frame, and no frames kept in
// memory); from a live source, the nearest of the recent analysis frames kept in a ring.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Box, Frame, FrameSourceInfo } from '../types.js';

const run = promisify(execFile);

export interface EvidenceFrame {
  frame: Frame;
  /** Multiply a source-video coordinate by this to place it on `frame`. */
  scale: number;
}

export class EvidenceFrames {
  private readonly recent: Frame[] = [];

  constructor(
    private readonly info: FrameSourceInfo,
    private readonly sourcePath: string | undefined,
    private readonly keepRecent: number,
  ) {}

  /** Remembers analysis frames only when there is no file to decode again. */
  remember(frame: Frame): void {
    if (this.sourcePath) return;
    this.recent.push(frame);
    if (this.recent.length > this.keepRecent) this.recent.shift();
  }

  /**
   * Settles now which frame shows `pts`, to be had later: evidence is made in the
   * background, by which time a live source's ring has moved on. From a file the decode
   * itself waits for the job (it needs no memory until then).
   */
  reserve(pts: number, index: number): () => Promise<EvidenceFrame> {
    const sourcePath = this.sourcePath;
    if (sourcePath) return async () => ({ frame: await decodeOneFrame(sourcePath, pts, index, this.info), scale: 1 });
    const nearest = [...this.recent].sort((a, b) => Math.abs(a.pts - pts) - Math.abs(b.pts - pts))[0];
    const kept = nearest ? { frame: nearest, scale: 1 / this.info.scaleToSource } : null;
    return async () => {
      if (!kept) throw new Error(`no frame near ${pts.toFixed(3)} s is kept for evidence`);
      return kept;
    };
  }
}

export function scaleBox(box: Box, scale: number): Box {
  return { x: box.x * scale, y: box.y * scale, w: box.w * scale, h: box.h * scale };
}

async function decodeOneFrame(path: string, pts: number, index: number, info: FrameSourceInfo): Promise<Frame> {
  const { sourceWidth: width, sourceHeight: height } = info;
  const { stdout } = await run(
    'ffmpeg',
    ['-v', 'error', '-nostdin', '-ss', pts.toFixed(4), '-i', path, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    { encoding: 'buffer', maxBuffer: width * height * 3 + 1024 },
  );
  if (stdout.length < width * height * 3) throw new Error(`could not decode the evidence frame at ${pts.toFixed(3)} s of ${path}`);
  return { index, pts, width, height, rgb: stdout.subarray(0, width * height * 3) };
}
