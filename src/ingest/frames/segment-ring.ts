// A live camera's recent video, as NVRs keep it: the decoding ffmpeg run also writes the
// camera's own packets (stream-copied, no re-encoding) to short MPEG-TS segments that wrap
// around, and lists each closed segment with its start and end. Each connection writes its
// own set (a reconnection restarts the camera's clock); its list's times are mapped into
// the frames' time base with the offset the frame source applies to that connection.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RingSegment {
  path: string;
  /** Start and end in the frames' time base, seconds. */
  fromS: number;
  toS: number;
  /** Which connection wrote it: segments of different connections do not join. */
  connection: number;
}

export interface SegmentRingOptions {
  /** Target length of a segment; ffmpeg cuts at the first key frame after it. */
  segmentS?: number;
  /** Segment files per connection before the oldest is overwritten. */
  wrap?: number;
}

/**
 * An RTSP stream's first packet (its key frame) comes without timestamps; the muxer would
 * give it the next packet's and warn (or fix up the following ones). It gets one tick
 * (90 kHz) before the next, and the muxer shifts the set by that tick: the ring's times are
 * then 11 µs after the frames'.
 */
const FIRST_PACKET_TIMESTAMP = 'setts=pts=if(eq(PTS\\,NOPTS)\\,DTS-1\\,PTS):dts=if(eq(PTS\\,NOPTS)\\,DTS-1\\,DTS)';

interface Connection {
  dir: string;
  list: string;
  offset?: number;
  gone?: boolean;
}

export class SegmentRing {
  readonly segmentS: number;
  private readonly wrap: number;
  private folder: Promise<string> | null = null;
  private readonly connections: Connection[] = [];
  private removed = false;

  constructor(options: SegmentRingOptions = {}) {
    this.segmentS = options.segmentS ?? 2;
    this.wrap = options.wrap ?? 30;
  }

  /** The second output for a new connection's ffmpeg run, and the handle to give it its offset. */
  async connect(): Promise<{ output: { target: string; options: string[] }; setOffset(offset: number): void }> {
    if (this.removed) throw new Error('the segment ring was removed');
    this.folder ??= mkdtemp(join(tmpdir(), 'roadledger-ring-'));
    const dir = join(await this.folder, `connection-${this.connections.length}`);
    await mkdir(dir);
    const connection: Connection = { dir, list: join(dir, 'segments.csv') };
    // A flaky camera reconnects again and again: only the last set that got frames is kept
    // (for the events just before the drop), so the disk holds at most two sets.
    const kept = this.connections.findLast((c) => c.offset !== undefined);
    for (const old of this.connections) {
      if (old === kept || old.gone) continue;
      old.gone = true;
      await rm(old.dir, { recursive: true, force: true });
    }
    this.connections.push(connection);
    const options = ['-map', '0:v:0', '-c:v', 'copy', '-bsf:v', FIRST_PACKET_TIMESTAMP, '-an', '-sn', '-dn', '-f', 'segment', '-segment_time', String(this.segmentS),
      '-segment_list', connection.list, '-segment_list_type', 'csv', '-reset_timestamps', '1', '-segment_wrap', String(this.wrap)];
    return { output: { target: join(dir, 'segment-%03d.ts'), options }, setOffset: (offset) => (connection.offset ??= offset) };
  }

  /** The closed segments still on disk, oldest first. */
  async segments(): Promise<RingSegment[]> {
    const all: RingSegment[] = [];
    for (const [index, connection] of this.connections.entries()) {
      if (connection.offset === undefined || connection.gone || this.removed) continue;
      const text = await readFile(connection.list, 'utf8').catch(() => '');
      const rows = text.split('\n').filter((row) => row.trim().length > 0);
      // The file after the last listed one is being rewritten: its older listing is gone.
      for (const row of rows.slice(-(this.wrap - 1))) {
        const [name, from, to] = row.split(',');
        if (!name || !Number.isFinite(Number(from)) || !Number.isFinite(Number(to))) continue;
        all.push({ path: join(connection.dir, name), fromS: Number(from) + connection.offset, toS: Number(to) + connection.offset, connection: index });
      }
    }
    return all;
  }

  /** Waits (bounded) until a closed segment ends at or after `timeS`; the segments then held. */
  async segmentsUntil(timeS: number, waitMs: number, pollMs = 200): Promise<RingSegment[]> {
    const deadline = performance.now() + waitMs;
    for (;;) {
      const held = await this.segments();
      if (held.some((s) => s.toS >= timeS - 1e-6) || performance.now() >= deadline || this.removed) return held;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  async remove(): Promise<void> {
    this.removed = true;
    if (this.folder) await rm(await this.folder, { recursive: true, force: true });
  }
}
