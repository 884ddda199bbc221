// What a video file holds (size, rate, duration) and whether it is whole: a file whose
// last packet reaches past its end was cut short, and is refused before any frame is read.
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { z } from 'zod';
import { IngestError } from '../types.js';

const run = promisify(execFile);

export interface VideoProbe {
  width: number;
  height: number;
  /** Average frame rate of the video stream. */
  fps: number;
  durationS: number;
  frameCount: number;
}

const ProbeSchema = z.object({
  streams: z
    .array(
      z.object({
        width: z.number().int().positive(),
        height: z.number().int().positive(),
        avg_frame_rate: z.string(),
        duration: z.string().optional(),
        nb_frames: z.string().optional(),
      }),
    )
    .min(1, 'no video stream'),
  packets: z.array(z.object({ pos: z.string().optional(), size: z.string() })),
  format: z.object({ duration: z.string().optional() }),
});

export async function probeVideoFile(path: string): Promise<VideoProbe> {
  const size = await stat(path).then(
    (s) => s.size,
    () => {
      throw new IngestError('SOURCE_NOT_FOUND', `video file not found: ${path}`, { path });
    },
  );
  let stdout: string;
  try {
    ({ stdout } = await run(
      'ffprobe',
      ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height,avg_frame_rate,duration,nb_frames:packet=pos,size:format=duration', '-of', 'json', path],
      { maxBuffer: 256 * 1024 * 1024 },
    ));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new IngestError('FFMPEG_MISSING', 'ffprobe is not installed');
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new IngestError('CORRUPT_VIDEO', `not a readable video: ${path}: ${stderr.split('\n').slice(-1)[0] ?? ''}`, { path });
  }
  const parsed = ProbeSchema.safeParse(JSON.parse(stdout));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new IngestError('CORRUPT_VIDEO', `not a readable video: ${path}: ${issue?.path.join('.')}: ${issue?.message}`, { path });
  }
  const { streams, packets, format } = parsed.data;
  const stream = streams[0]!;
  const end = packets.reduce((max, p) => Math.max(max, Number(p.pos ?? 0) + Number(p.size)), 0);
  // The container's index (MP4/MOV) says how many frames it should hold; demuxing stops
  // early at the cut, so fewer packets than indexed frames means the file was truncated.
  const indexed = Number(stream.nb_frames ?? 0);
  if (packets.length === 0 || end > size || packets.length < indexed) {
    throw new IngestError('CORRUPT_VIDEO', `video is truncated: ${path} (${packets.length} of ${indexed || '?'} frames present, file has ${size} bytes)`, {
      path,
      framesPresent: packets.length,
      framesIndexed: indexed,
      bytes: size,
    });
  }
  const [num, den] = stream.avg_frame_rate.split('/').map(Number);
  const fps = num && den ? num / den : 0;
  return {
    width: stream.width,
    height: stream.height,
    fps,
    durationS: Number(stream.duration ?? format.duration ?? 0),
    frameCount: packets.length,
  };
}
