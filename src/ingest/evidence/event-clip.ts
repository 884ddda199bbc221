// A short clip around the event: the source's own H.264 packets, stream-copied into an MP4
// (no decoding, no re-encoding), from the key frame at or before the window's start to the
// end of the GOP holding the window's end. The clip's frames are the camera's frames bit
// for bit (no generation loss), and cutting one costs a demux instead of seconds of 1080p
// decoding; the price is whole GOPs (a 2 s window gives 2-3 GOPs) at the source's bitrate.
// The clip's real span in the source is written into the MP4 (`comment` tag), and the
// bytes are the same on every run (bitexact muxing, no clock, no path).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RingSegment, SegmentRing } from '../frames/segment-ring.js';
import { decodeStill } from '../frames/source-still.js';

const run = promisify(execFile);

export interface ClipWindow {
  /** Seconds of presentation time from the file's start, as the frame source gives them. */
  atS: number;
  beforeS: number;
  afterS: number;
}

/** Where a clip really starts and ends in the source, and how many packets it copies. */
export interface ClipSpan {
  /** Presentation time of its first (key) frame in the source, seconds. */
  fromS: number;
  /** Presentation time just after its last frame, seconds. */
  toS: number;
  packets: number;
}

export class ClipError extends Error {
  constructor(message: string, readonly stderr: string) {
    super(message);
    this.name = 'ClipError';
  }
}

/** How far past the window's end a key frame is looked for; a longer GOP is cut there. */
const LONGEST_GOP_S = 10;

export async function cutClip(sourcePath: string, window: ClipWindow): Promise<Buffer> {
  return (await cutClipSpan(sourcePath, window)).clip;
}

/** The clip, and the source's full-resolution frame at `window.atS` for the snapshot. */
export async function cutClipWithStill(sourcePath: string, window: ClipWindow, size: { width: number; height: number }): Promise<{ clip: Buffer; still: Buffer }> {
  const [clip, still] = await Promise.all([cutClip(sourcePath, window), decodeStill(sourcePath, window.atS, size)]);
  return { clip, still };
}

export async function cutClipSpan(sourcePath: string, window: ClipWindow): Promise<{ clip: Buffer; span: ClipSpan }> {
  const { span, seekTo } = await findSpan(sourcePath, window);
  const folder = await mkdtemp(join(tmpdir(), 'roadledger-clip-'));
  const output = join(folder, 'clip.mp4');
  try {
    // Seeking exactly to the key frame's timestamp makes it the clip's time 0; -frames:v
    // counts packets in decode order, so whole GOPs are copied and every frame keeps its
    // references.
    const args = ['-v', 'error', '-nostdin', '-ss', seekTo, '-i', sourcePath, '-map', '0:v:0', '-c:v', 'copy',
      '-frames:v', String(span.packets), '-an', '-sn', '-dn', '-fflags', '+bitexact', '-flags:v', '+bitexact', '-map_metadata', '-1',
      '-metadata', `comment=source pts ${span.fromS.toFixed(6)}-${span.toS.toFixed(6)} s`, '-movflags', '+faststart', '-f', 'mp4', '-y', output];
    await ffmpeg('ffmpeg', args, `ffmpeg could not cut a clip at ${window.atS.toFixed(3)} s from ${sourcePath}`);
    const clip = await readFile(output);
    if (clip.length === 0) throw new ClipError(`ffmpeg produced an empty clip at ${window.atS.toFixed(3)} s`, '');
    return { clip, span };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** A live clip, or why there is none (the infraction goes out without it). */
export type RingClip = { clip: Buffer; span: Omit<ClipSpan, 'packets'> } | { clip: null; reason: string };

/**
 * A live camera's clip around the event: the ring's closed segments covering the window,
 * joined by stream copy. Waits up to `waitMs` for a segment ending after the window; a
 * window the ring does not hold (too old, a reconnection gap, not yet written) gives none.
 */
export async function cutRingClip(ring: SegmentRing, window: ClipWindow, waitMs: number): Promise<RingClip> {
  const start = window.atS - window.beforeS;
  const end = window.atS + window.afterS;
  const held = await ring.segmentsUntil(end, waitMs);
  const at = held.find((s) => s.fromS <= window.atS + 1e-6 && window.atS < s.toS);
  if (!at) {
    const range = held.length > 0 ? `it holds ${held[0]!.fromS.toFixed(3)}-${held.at(-1)!.toS.toFixed(3)} s` : 'it holds nothing';
    return { clip: null, reason: `the camera's segment ring does not hold ${window.atS.toFixed(3)} s (${range})` };
  }
  // Segments of the event's own connection only: a reconnection's set does not join it.
  const covering = held.filter((s) => s.connection === at.connection && s.toS > start + 1e-6 && s.fromS < end - 1e-6);
  const span = { fromS: covering[0]!.fromS, toS: covering.at(-1)!.toS };
  const folder = await mkdtemp(join(tmpdir(), 'roadledger-clip-'));
  const output = join(folder, 'clip.mp4');
  try {
    const list = join(folder, 'segments.txt');
    await writeFile(list, covering.map((s: RingSegment) => `file '${s.path.replace(/'/g, "'\\''")}'\n`).join(''));
    const args = ['-v', 'error', '-nostdin', '-f', 'concat', '-safe', '0', '-i', list, '-map', '0:v:0', '-c:v', 'copy', '-an', '-sn', '-dn',
      '-fflags', '+bitexact', '-flags:v', '+bitexact', '-map_metadata', '-1',
      '-metadata', `comment=source pts ${span.fromS.toFixed(6)}-${span.toS.toFixed(6)} s`, '-movflags', '+faststart', '-f', 'mp4', '-y', output];
    await ffmpeg('ffmpeg', args, `ffmpeg could not join the ring's segments for a clip at ${window.atS.toFixed(3)} s`);
    const clip = await readFile(output);
    if (clip.length === 0) throw new ClipError(`ffmpeg produced an empty clip at ${window.atS.toFixed(3)} s`, '');
    return { clip, span };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

interface Packet {
  /** Seconds from the file's start (ffprobe gives them from 0 of the stream's clock). */
  pts: number;
  duration: number;
  key: boolean;
}

async function findSpan(sourcePath: string, window: ClipWindow): Promise<{ span: ClipSpan; seekTo: string }> {
  const start = Math.max(0, window.atS - window.beforeS);
  const end = window.atS + window.afterS;
  const failure = `ffmpeg could not cut a clip at ${window.atS.toFixed(3)} s from ${sourcePath}: ffprobe failed`;
  // Demuxing only: ffprobe seeks (on the stream's own clock, which starts at the file's
  // start time, most often 0) to the key frame before `start` and lists packets in decode
  // order up to a while past `end`. A file that starts later is listed again, shifted.
  const list = async (fileStart: number) => {
    const interval = `${(start + fileStart).toFixed(6)}%${(end + fileStart + LONGEST_GOP_S).toFixed(6)}`;
    const listed = await ffmpeg('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-read_intervals', interval,
      '-show_entries', 'packet=pts,duration,flags:stream=time_base:format=start_time', '-of', 'json', sourcePath], failure);
    return parsePackets(listed);
  };
  const listed = await list(0);
  const packets = listed.fileStart === 0 ? listed.packets : (await list(listed.fileStart)).packets;
  const first = packets.findLastIndex((p) => p.key && p.pts <= start + 1e-6);
  const from = first >= 0 ? first : packets.findIndex((p) => p.key);
  if (from < 0) throw new ClipError(`ffmpeg could not cut a clip at ${window.atS.toFixed(3)} s from ${sourcePath}: no key frame near it`, '');
  const next = packets.findIndex((p, i) => i > from && p.key && p.pts >= end - 1e-6);
  const copied = packets.slice(from, next < 0 ? packets.length : next);
  const toS = Math.max(...copied.map((p) => p.pts + p.duration));
  return { span: { fromS: packets[from]!.pts, toS, packets: copied.length }, seekTo: packets[from]!.pts.toFixed(6) };
}

function parsePackets(json: string): { fileStart: number; packets: Packet[] } {
  const parsed = JSON.parse(json) as {
    streams?: Array<{ time_base?: string }>;
    packets?: Array<{ pts?: number; duration?: number; flags?: string }>;
    format?: { start_time?: string };
  };
  const fileStart = Number(parsed.format?.start_time ?? 0) || 0;
  const [num, den] = (parsed.streams?.[0]?.time_base ?? '1/1').split('/').map(Number);
  const seconds = (ticks: number) => (ticks * num!) / den!;
  const packets = (parsed.packets ?? [])
    .filter((p) => typeof p.pts === 'number')
    .map((p) => ({ pts: seconds(p.pts!) - fileStart, duration: seconds(p.duration ?? 0), key: (p.flags ?? '').startsWith('K') }));
  return { fileStart, packets };
}

async function ffmpeg(command: 'ffmpeg' | 'ffprobe', args: string[], failure: string): Promise<string> {
  try {
    return (await run(command, args, { maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    throw new ClipError(`${failure}: ${stderr.trim().split('\n')[0] ?? ''}`, stderr);
  }
}
