// The source file's own frame at an instant, at full resolution, as packed RGB: the frame
// an infraction's snapshot is drawn on. ffmpeg seeks to the key frame before the instant
// and decodes only from there (at most one GOP), not the whole clip around it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class StillError extends Error {
  constructor(message: string, readonly stderr: string) {
    super(message);
    this.name = 'StillError';
  }
}

/**
 * The first frame whose presentation time is at or after `atS` (an analysed frame's exact
 * pts gives that very frame). Times count from the file's start, as the frame source's do.
 */
export async function decodeStill(sourcePath: string, atS: number, size: { width: number; height: number }): Promise<Buffer> {
  const bytes = size.width * size.height * 3;
  // One decoding thread: the still is made beside the frame loop's detection, and frame
  // threads only add CPU for a decode this short.
  const args = ['-v', 'error', '-nostdin', '-threads', '1', '-ss', atS.toFixed(6), '-i', sourcePath,
    '-an', '-sn', '-dn', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'];
  let stdout: Buffer;
  try {
    ({ stdout } = await run('ffmpeg', args, { encoding: 'buffer', maxBuffer: bytes + 1024 * 1024 }));
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    throw new StillError(`ffmpeg could not decode the frame at ${atS.toFixed(3)} s of ${sourcePath}: ${stderr.trim().split('\n')[0] ?? ''}`, stderr);
  }
  if (stdout.length < bytes) throw new StillError(`ffmpeg gave no ${size.width}x${size.height} frame at ${atS.toFixed(3)} s of ${sourcePath}`, '');
  return stdout.subarray(0, bytes);
}
