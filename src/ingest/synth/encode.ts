// Raw RGB frames piped into ffmpeg and encoded as H.264 in an MP4 with a constant frame
// rate, so frame i is presented at exactly i / fps. A key frame every 2 s, as road cameras
// send: cutting an evidence clip then decodes from the nearest key frame, not from the start.
import { spawn } from 'node:child_process';
import { once } from 'node:events';

export interface Encoder {
  write(rgb: Buffer): Promise<void>;
  finish(): Promise<void>;
}

export function startEncoder(output: string, width: number, height: number, fps: number): Encoder {
  const ffmpeg = spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-y'],
      ...['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-r', String(fps), '-i', 'pipe:0'],
      ...['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-g', String(Math.max(1, Math.round(fps * 2))), '-pix_fmt', 'yuv420p', '-movflags', '+faststart'],
      output,
    ],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let stderr = '';
  ffmpeg.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A dead ffmpeg makes stdin emit EPIPE and never 'drain': write() reports it instead.
  ffmpeg.stdin.on('error', () => undefined);
  const exited = new Promise<number | null>((resolve, reject) => {
    ffmpeg.on('error', reject);
    ffmpeg.on('close', resolve);
  });
  const failure = (code: number | null) => new Error(`ffmpeg encoding failed (exit ${code}) writing ${output}: ${stderr.trim()}`);
  const diedEarly = exited.then((code) => {
    throw failure(code);
  });
  diedEarly.catch(() => undefined);
  return {
    async write(rgb) {
      if (!ffmpeg.stdin.write(rgb)) await Promise.race([once(ffmpeg.stdin, 'drain'), diedEarly]);
    },
    async finish() {
      ffmpeg.stdin.end();
      const code = await exited;
      if (code !== 0) throw failure(code);
    },
  };
}
