// `ingestVideo` on a real RTSP camera (GStreamer's server) that goes away for good: the
// camera's status reaches the transport the passages use, and the run ends with a clear error;
// and on a camera sending a known road video: each infraction carries a clip from the ring.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { DEFAULT_TOLERANCES } from '../../domain/shared/tolerance.js';
import { LocalEvidenceStore } from '../../evidence/local/local-evidence-store.js';
import { InProcessTransport } from '../../transport/in-process/in-process-transport.js';
import { drainTopic } from './testing/drain-topic.js';
import { TOPICS, type DeviceStatusMessageV1, type InfractionMessageV1 } from '../../transport/messages/index.js';
import { deviceSettingsFromTruth } from '../synth/device-settings-from-truth.js';
import { generateVideo } from '../synth/generate.js';
import { RtspCamera } from '../frames/testing/rtsp-camera.js';
import type { FrameSourceStatus } from '../types.js';
import { parseDeviceSettings } from './device-settings.js';
import { ingestVideo } from './ingest-video.js';

const device = parseDeviceSettings({
  deviceId: 'cam-live',
  calibration: { imageToGround: [0.02, 0, 0, 0, 0.05, 0, 0, 0, 1] },
  zone: { zoneId: 'zone-live', speedLimitKmh: 50, jurisdiction: 'PE' },
});
const exec = promisify(execFile);
let camera: RtspCamera | null = null;
let folder: string | null = null;

afterEach(async () => {
  await camera?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('ingest from an RTSP camera', () => {
  it('publishes the camera online, then offline on each failed reconnection, and ends with SOURCE_UNREACHABLE', async () => {
    camera = await RtspCamera.onFreePort();
    await camera.start();
    folder = await mkdtemp(join(tmpdir(), 'roadledger-live-'));
    const transport = new InProcessTransport({ logger: createLogger('silent') });
    const statuses: FrameSourceStatus[] = [];
    const run = ingestVideo({
      input: camera.url,
      device,
      evidence: new LocalEvidenceStore({ root: folder, publicBaseUrl: 'http://127.0.0.1:4000/evidence', signingSecret: 'live-test' }),
      publisher: transport,
      tolerances: DEFAULT_TOLERANCES,
      rate: 5,
      analysisWidth: 320,
      cameraSize: { width: 640, height: 360 },
      reconnect: { maxAttempts: 2, initialMs: 100, maxMs: 150 },
      onProgress: (progress) => {
        if (progress.frames === 5) void camera!.stop();
      },
      onStatus: (status) => statuses.push(status),
    });

    await expect(run).rejects.toMatchObject({ code: 'SOURCE_UNREACHABLE' });
    const published = await drainTopic<DeviceStatusMessageV1>(transport, TOPICS.deviceStatus, 'live-test');
    await transport.close();

    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'streaming', 'reconnecting', 'connecting', 'reconnecting', 'connecting', 'failed']);
    expect(published.map((m) => [m.deviceId, m.status])).toEqual([
      ['cam-live', 'online'],
      ['cam-live', 'offline'],
      ['cam-live', 'offline'],
      ['cam-live', 'offline'],
    ]);
    expect(published[0]!.fps).toBe(5);
  }, 120_000);
});

const CLOCK_START = new Date('2026-03-01T08:00:00Z');

describe('live evidence clips', () => {
  it('gives each infraction of a camera a decodable clip from its segment ring, stored under the SHA-256 in the message', async () => {
    folder = await mkdtemp(join(tmpdir(), 'roadledger-live-clip-'));
    const video = join(folder, 'road.mp4');
    const { truth } = await generateVideo({ output: video, width: 960, height: 540, fps: 25, durationS: 7 });
    camera = await RtspCamera.onFreePort({ file: video });
    await camera.start();
    const roadDevice = deviceSettingsFromTruth(truth, { deviceId: 'cam-live-road', zoneId: 'live-zone', jurisdiction: 'PE' });
    const transport = new InProcessTransport({ logger: createLogger('silent') });
    const evidence = new LocalEvidenceStore({ root: join(folder, 'evidence'), publicBaseUrl: 'http://127.0.0.1:4000/evidence', signingSecret: 'live-test' });
    // The camera sends the video once; the run ends when it is gone, its passages published.
    const run = ingestVideo({
      input: camera.url,
      device: roadDevice,
      evidence,
      publisher: transport,
      tolerances: DEFAULT_TOLERANCES,
      rate: 10,
      analysisWidth: 960,
      cameraSize: { width: 960, height: 540 },
      reconnect: { maxAttempts: 0, initialMs: 100, maxMs: 100 },
      clockStart: CLOCK_START,
    });
    await expect(run).rejects.toMatchObject({ code: 'SOURCE_UNREACHABLE' });
    const infractions = await drainTopic<InfractionMessageV1>(transport, TOPICS.infractions, 'live-clip-test');
    await transport.close();

    // The generated video has a speeding car, a lane invasion and a red-light runner.
    expect(infractions.map((i) => i.infractionType).sort()).toEqual(['LANE_INVASION', 'RED_LIGHT', 'SPEED_VIOLATION']);
    for (const [i, infraction] of infractions.entries()) {
      expect(infraction.evidence.map((e) => e.kind)).toEqual(['SNAPSHOT', 'CLIP']);
      const clip = infraction.evidence.find((e) => e.kind === 'CLIP')!;
      const bytes = await evidence.get(clip.uri);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(clip.sha256);
      const path = join(folder, `clip-${i}.mp4`);
      await writeFile(path, bytes);
      const { stdout } = await exec('ffprobe', ['-v', 'error', '-show_entries', 'format_tags=comment', '-of', 'default=nw=1:nk=1', path]);
      const span = /^source pts (\d+\.\d{6})-(\d+\.\d{6}) s$/.exec(stdout.trim());
      expect(span).not.toBeNull();
      // The event's pts on the camera's clock, and the 1 s either side the clip must show.
      const atS = (Date.parse(infraction.occurredAt) - CLOCK_START.getTime()) / 1000;
      expect(Number(span![1])).toBeLessThanOrEqual(Math.max(0, atS - 1) + 1e-6);
      expect(Number(span![2])).toBeGreaterThanOrEqual(atS + 1 - 1e-6);
      await exec('ffmpeg', ['-v', 'error', '-xerror', '-i', path, '-f', 'null', '-']);
    }
  }, 180_000);
});
