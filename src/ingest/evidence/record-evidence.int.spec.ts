import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEvidenceStore } from '../../evidence/local/local-evidence-store.js';
import type { Frame } from '../types.js';
import { cutClip, cutClipWithStill } from './event-clip.js';
import { recordEvidence } from './record-evidence.js';

const run = promisify(execFile);
let folder: string;
let video: string;
let store: LocalEvidenceStore;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'roadledger-evidence-making-'));
  video = join(folder, 'source.mp4');
  // A real 4 s H.264 source made by ffmpeg itself: 25 fps test pattern.
  await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25:duration=4', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-y', video]);
  store = new LocalEvidenceStore({ root: join(folder, 'store'), publicBaseUrl: 'http://127.0.0.1:4000/evidence', signingSecret: 'secret-for-tests-123' });
});
afterAll(() => rm(folder, { recursive: true, force: true }));

function greyFrame(width = 320, height = 240): Frame {
  return { index: 0, pts: 2, width, height, rgb: Buffer.alloc(width * height * 3, 90) };
}

async function probe(path: string): Promise<{ codec: string; duration: number }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name:format=duration', '-of', 'json', path]);
  const parsed = JSON.parse(stdout) as { streams: Array<{ codec_name: string }>; format: { duration: string } };
  return { codec: parsed.streams[0]!.codec_name, duration: Number(parsed.format.duration) };
}

const caption = { infractionType: 'SPEED_VIOLATION', plateText: 'ABC-123', speedKmh: 78.4, limitKmh: 60, deviceTime: '2026-03-01T12:00:02.000Z', deviceId: 'cam-7' };

describe('evidence making', () => {
  it('draws the box over the frame in a JPEG of the frame size', async () => {
    const items = await recordEvidence(store, { messageId: 'a0000000-0000-8000-8000-000000000001', frame: greyFrame(), box: { x: 100, y: 150, w: 80, h: 40 }, caption });
    expect(items.map((i) => i.kind)).toEqual(['SNAPSHOT']);
    const jpeg = await store.get(items[0]!.uri);
    const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    expect([info.format, info.width, info.height]).toEqual(['raw', 320, 240]);
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    const [r, g, b] = pixel(100, 170);
    expect(r! - Math.max(g!, b!)).toBeGreaterThan(80); // the red box edge
    expect(pixel(140, 170).every((v) => Math.abs(v - 90) < 12)).toBe(true); // inside: the frame as it was
  });

  it('cuts a two-second H.264 clip around the event', async () => {
    const clip = await cutClip(video, { atS: 2, beforeS: 1, afterS: 1 });
    const path = join(folder, 'cut.mp4');
    await import('node:fs/promises').then((fs) => fs.writeFile(path, clip));
    const probed = await probe(path);
    expect(probed.codec).toBe('h264');
    expect(probed.duration).toBeGreaterThan(1.9);
    expect(probed.duration).toBeLessThan(2.2);
  });

  it('stores snapshot and clip, each under the SHA-256 of its bytes, and gives the same keys and hashes on a re-run', async () => {
    const request = { messageId: 'a0000000-0000-8000-8000-000000000002', frame: greyFrame(), box: { x: 10, y: 10, w: 50, h: 30 }, caption, clip: { sourcePath: video, window: { atS: 1.5, beforeS: 1, afterS: 1 } } };
    const first = await recordEvidence(store, request);
    expect(first.map((i) => i.kind)).toEqual(['SNAPSHOT', 'CLIP']);
    for (const item of first) expect(createHash('sha256').update(await store.get(item.uri)).digest('hex')).toBe(item.sha256);
    expect(await recordEvidence(store, request)).toEqual(first);
    expect(first[1]!.uri).toBe('evidence://local/cam-7/2026-03-01/a0000000-0000-8000-8000-000000000002/clip.mp4');
  });

  it('takes the snapshot\'s frame from the clip\'s own decoding: the frame a single-frame decode gives, and the same clip', async () => {
    const window = { atS: 2.36, beforeS: 1, afterS: 1 };
    const { stdout: single } = await run('ffmpeg', ['-v', 'error', '-nostdin', '-ss', '2.3600', '-i', video, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { encoding: 'buffer' });
    const both = await cutClipWithStill(video, window, { width: 320, height: 240 });
    expect(both.still.equals(single.subarray(0, 320 * 240 * 3))).toBe(true);
    expect(both.clip.equals(await cutClip(video, window))).toBe(true);
    const request = { messageId: 'a0000000-0000-8000-8000-000000000003', box: { x: 10, y: 10, w: 50, h: 30 }, caption };
    const fromClip = await recordEvidence(store, { ...request, clip: { sourcePath: video, window, still: { width: 320, height: 240 } } });
    const given = { index: 0, pts: 2.36, width: 320, height: 240, rgb: both.still };
    expect(await recordEvidence(store, { ...request, frame: given, clip: { sourcePath: video, window } })).toEqual(fromClip);
  });

  it('fails with the reason when the source cannot be cut', async () => {
    await expect(cutClip(join(folder, 'missing.mp4'), { atS: 1, beforeS: 1, afterS: 1 })).rejects.toThrow(/could not cut a clip/);
  });
});
