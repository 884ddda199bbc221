import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEvidenceStore } from '../../evidence/local/local-evidence-store.js';
import { MinioEvidenceStore } from '../../evidence/minio/minio-evidence-store.js';
import type { EvidenceStore } from '../../evidence/port.js';
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
  // A real 4 s H.264 source made by ffmpeg itself: 25 fps test pattern, a key frame every
  // second as road cameras send (clips are cut at key frames: event-clip.ts).
  await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25:duration=4', '-c:v', 'libx264', '-g', '25', '-pix_fmt', 'yuv420p', '-y', video]);
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

const s3Endpoint = process.env.S3_ENDPOINT ?? 'http://127.0.0.1:19000';
const minioUp = await fetch(`${s3Endpoint}/minio/health/live`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A logger whose warnings the test reads. */
function listeningLogger() {
  const warnings: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, warnings };
}

const freshLocalStore = async () => new LocalEvidenceStore({ root: await mkdtemp(join(folder, 'store-')), publicBaseUrl: 'http://127.0.0.1:4000/evidence', signingSecret: 'secret-for-tests-123' });
const stores: Array<[string, () => Promise<EvidenceStore>]> = [['the local folder', freshLocalStore]];
if (minioUp) {
  stores.push(['MinIO', async () => {
    const minio = new MinioEvidenceStore({ endpoint: s3Endpoint, accessKey: 'roadledger', secretKey: 'roadledger-secret', bucket: 'evidence', region: 'us-east-1' });
    await minio.ensureBucket();
    return minio;
  }]);
} else {
  it.skip(`re-ingest over evidence in MinIO: skipped, no MinIO answers at ${s3Endpoint}`, () => {});
}

describe.each(stores)('re-ingest over evidence already stored, in %s', (_name, makeStore) => {
  // A fresh message id per test: MinIO's bucket outlives the run.
  const request = () => ({
    messageId: randomUUID(),
    frame: greyFrame(),
    box: { x: 40, y: 60, w: 90, h: 40 },
    caption,
    clip: { sourcePath: video, window: { atS: 2, beforeS: 1, afterS: 1 } },
  });

  it('keeps evidence an older recipe stored under the same keys: the items carry the stored bytes\' hashes, and a warning names each key with both hashes', async () => {
    const store = await makeStore();
    const made = request();
    // What this recipe makes, seen in a store of its own.
    const fresh = await recordEvidence(await freshLocalStore(), made);
    // The same keys already hold what an older recipe made: another JPEG quality, another x264 preset.
    const keyOf = (uri: string) => uri.replace(/^(evidence:\/\/local|s3:\/\/[^/]+)\//, '');
    const olderSnapshot = await sharp(made.frame.rgb, { raw: { width: 320, height: 240, channels: 3 } }).jpeg({ quality: 40 }).toBuffer();
    const { stdout: olderClip } = await run('ffmpeg', ['-v', 'error', '-ss', '1', '-t', '2', '-i', video, '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '38', '-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov', '-'], { encoding: 'buffer', maxBuffer: 64 << 20 });
    const older = [olderSnapshot, olderClip];
    for (const [i, item] of fresh.entries()) await store.put(keyOf(item.uri), older[i]!, item.contentType);

    const { logger, warnings } = listeningLogger();
    const again = await recordEvidence(store, made, logger);

    expect(again.map((i) => [i.kind, keyOf(i.uri)])).toEqual(fresh.map((i) => [i.kind, keyOf(i.uri)]));
    expect(again.map((i) => i.sha256)).toEqual(older.map(sha256));
    for (const item of again) expect(sha256(await store.get(item.uri))).toBe(item.sha256);
    expect(warnings.map((w) => [w['level'], w['key'], w['storedSha256'], w['madeSha256']])).toEqual(
      fresh.map((item, i) => [40, keyOf(item.uri), sha256(older[i]!), item.sha256]),
    );
  });

  it('leaves an unchanged re-run byte-identical: the same items, the same stored bytes, no warning', async () => {
    const store = await makeStore();
    const made = request();
    const first = await recordEvidence(store, made);
    const bytesBefore = await Promise.all(first.map((item) => store.get(item.uri)));
    const { logger, warnings } = listeningLogger();
    expect(await recordEvidence(store, made, logger)).toEqual(first);
    const bytesAfter = await Promise.all(first.map((item) => store.get(item.uri)));
    expect(bytesAfter.map((b, i) => b.equals(bytesBefore[i]!))).toEqual([true, true]);
    expect(warnings).toEqual([]);
  });
});
