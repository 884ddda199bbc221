// A live camera's ring of segments and the clips cut from it, against a real RTSP server
// (GStreamer's, see scripts/services/rtsp.sh; one key frame a second) and a real evidence store.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { LocalEvidenceStore } from '../../evidence/local/local-evidence-store.js';
import { cutRingClip } from '../evidence/event-clip.js';
import { recordEvidence } from '../evidence/record-evidence.js';
import type { Frame } from '../types.js';
import { LiveFrameSource } from './live-frame-source.js';
import { RtspCamera } from './testing/rtsp-camera.js';

const run = promisify(execFile);
let camera: RtspCamera | null = null;
let source: LiveFrameSource | null = null;
let folder: string | null = null;

afterEach(async () => {
  await source?.close();
  await camera?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
  source = camera = folder = null;
});

async function streaming(): Promise<{ live: LiveFrameSource; frames: Frame[]; stop: () => Promise<void> }> {
  camera = await RtspCamera.onFreePort();
  await camera.start();
  const live = new LiveFrameSource(camera.url, { sourceWidth: 640, sourceHeight: 360, rate: 5, analysisWidth: 320, timeoutS: 2, maxAttempts: 0 });
  source = live;
  const frames: Frame[] = [];
  let stopping = false;
  const reading = (async () => {
    for await (const frame of live) {
      frames.push(frame);
      if (stopping) break;
    }
  })();
  return { live, frames, stop: async () => ((stopping = true), await reading.catch(() => undefined)) };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function probe(path: string): Promise<{ duration: number; comment: string | undefined; frames: number }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries',
    'format=duration:format_tags=comment:stream=nb_read_frames', '-of', 'json', path]);
  const parsed = JSON.parse(stdout) as { format: { duration: string; tags?: { comment?: string } }; streams: Array<{ nb_read_frames: string }> };
  return { duration: Number(parsed.format.duration), comment: parsed.format.tags?.comment, frames: Number(parsed.streams[0]!.nb_read_frames) };
}

describe('segment ring of a live camera', () => {
  it('keeps the camera packets in closed segments whose spans are in the frames\' time base, and removes them on close', async () => {
    const { live, frames, stop } = await streaming();
    await until(async () => (await live.ring.segments()).length >= 3, 20_000);
    await stop();
    const segments = await live.ring.segments();

    expect(segments[0]!.fromS).toBeCloseTo(frames[0]!.pts, 1);
    for (const [i, segment] of segments.entries()) {
      if (i > 0) expect(segment.fromS).toBeCloseTo(segments[i - 1]!.toS, 6);
      // Each file's own length (its timestamps restart at 0) is the span the ring gives it.
      expect((await probe(segment.path)).duration).toBeCloseTo(segment.toS - segment.fromS, 1);
    }
    // Closed segments are behind the frames already delivered.
    expect(segments.at(-1)!.toS).toBeLessThanOrEqual(frames.at(-1)!.pts + 0.2);

    await live.close();
    expect(existsSync(segments[0]!.path)).toBe(false);
    expect(await live.ring.segments()).toEqual([]);
  }, 60_000);

  it('cuts a decodable clip covering the window from the ring, stored under the SHA-256 the evidence gives', async () => {
    const { live, frames } = await streaming();
    await until(() => frames.length >= 15, 20_000);
    const window = { atS: frames[14]!.pts, beforeS: 1, afterS: 1 };
    // The window's end is not written yet: the cut waits for the segment that closes after it.
    const made = await cutRingClip(live.ring, window, 8_000);
    if (!made.clip) throw new Error(made.reason);

    expect(made.span.fromS).toBeLessThanOrEqual(window.atS - window.beforeS + 1e-6);
    expect(made.span.toS).toBeGreaterThanOrEqual(window.atS + window.afterS - 1e-6);
    folder = await mkdtemp(join(tmpdir(), 'roadledger-ring-clip-'));
    const path = join(folder, 'clip.mp4');
    await writeFile(path, made.clip);
    const probed = await probe(path);
    expect(probed.comment).toBe(`source pts ${made.span.fromS.toFixed(6)}-${made.span.toS.toFixed(6)} s`);
    expect(probed.duration).toBeCloseTo(made.span.toS - made.span.fromS, 1);
    expect(probed.frames).toBeGreaterThanOrEqual(Math.floor((made.span.toS - made.span.fromS) * 25) - 1);
    await run('ffmpeg', ['-v', 'error', '-xerror', '-i', path, '-f', 'null', '-']);
    // The same segments give the same bytes (bitexact muxing, no clock, no path).
    const again = await cutRingClip(live.ring, window, 0);
    expect(again.clip?.equals(made.clip)).toBe(true);

    const store = new LocalEvidenceStore({ root: join(folder, 'store'), publicBaseUrl: 'http://127.0.0.1:4000/evidence', signingSecret: 'ring-test' });
    const frame = frames[14]!;
    const items = await recordEvidence(store, {
      messageId: 'ring-clip-test',
      frame,
      box: { x: 10, y: 10, w: 40, h: 20 },
      caption: { infractionType: 'SPEEDING', plateText: null, speedKmh: null, limitKmh: null, deviceTime: '2026-11-26T05:00:00.000Z', deviceId: 'cam-ring' },
      clipBytes: made.clip,
    }, createLogger('silent'));
    const clip = items.find((item) => item.kind === 'CLIP')!;
    expect(clip.contentType).toBe('video/mp4');
    const stored = await store.get(clip.uri);
    expect(createHash('sha256').update(stored).digest('hex')).toBe(clip.sha256);
    expect(stored.equals(made.clip)).toBe(true);
  }, 60_000);

  it('starts a new segment set on reconnection, mapped to the frames\' continued pts, and never joins the two sets', async () => {
    camera = await RtspCamera.onFreePort();
    await camera.start();
    let restarted: Promise<void> | null = null;
    const live = new LiveFrameSource(camera.url, {
      sourceWidth: 640, sourceHeight: 360, rate: 5, analysisWidth: 320, timeoutS: 2, maxAttempts: 10, backoffMs: { initial: 200, max: 400 },
      onStatus: (status) => {
        if (status.state === 'reconnecting' && !restarted) restarted = camera!.start();
      },
    });
    source = live;
    const before: Frame[] = [];
    const after: Frame[] = [];
    for await (const frame of live) {
      if (!restarted) {
        before.push(frame);
        if (before.length === 20) await camera.stop();
      } else {
        after.push(frame);
        if ((await live.ring.segments()).some((s) => s.connection > 0)) break;
      }
    }
    const segments = await live.ring.segments();
    const second = segments.filter((s) => s.connection > 0);

    expect(second[0]!.fromS).toBeCloseTo(after[0]!.pts, 1);
    expect(second[0]!.fromS).toBeGreaterThan(before.at(-1)!.pts);
    expect(segments.filter((s) => s.connection === 0).at(-1)!.toS).toBeLessThanOrEqual(second[0]!.fromS + 1e-6);
    // A window across the reconnection: the clip keeps to the event's connection and says so in its span.
    const made = await cutRingClip(live.ring, { atS: after[0]!.pts + 0.1, beforeS: 3, afterS: 0.5 }, 0);
    if (!made.clip) throw new Error(made.reason);
    expect(made.span.fromS).toBeCloseTo(second[0]!.fromS, 6);
  }, 60_000);

  it('gives no clip, and says why, for a time the ring does not hold', async () => {
    const { live } = await streaming();
    await until(async () => (await live.ring.segments()).length >= 1, 20_000);

    const before = await cutRingClip(live.ring, { atS: -30, beforeS: 1, afterS: 1 }, 0);
    expect(before).toEqual({ clip: null, reason: expect.stringMatching(/^the camera's segment ring does not hold -30\.000 s \(it holds 0\.\d+-\d+\.\d+ s\)$/) });
    const started = Date.now();
    const later = await cutRingClip(live.ring, { atS: 3600, beforeS: 1, afterS: 1 }, 500);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(later.clip).toBeNull();
    expect(later).toMatchObject({ reason: expect.stringContaining('does not hold 3600.000 s') });
  }, 60_000);
});
