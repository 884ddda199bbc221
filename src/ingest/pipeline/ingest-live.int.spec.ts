// `ingestVideo` on a real RTSP camera (GStreamer's server) that goes away for good: the
// camera's status reaches the transport the passages use, and the run ends with a clear error.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { DEFAULT_TOLERANCES } from '../../domain/shared/tolerance.js';
import { LocalEvidenceStore } from '../../evidence/local/local-evidence-store.js';
import { InProcessTransport } from '../../transport/in-process/in-process-transport.js';
import { TOPICS, type DeviceStatusMessageV1 } from '../../transport/messages/index.js';
import { RtspCamera } from '../frames/testing/rtsp-camera.js';
import type { FrameSourceStatus } from '../types.js';
import { parseDeviceSettings } from './device-settings.js';
import { ingestVideo } from './ingest-video.js';

const device = parseDeviceSettings({
  deviceId: 'cam-live',
  calibration: { imageToGround: [0.02, 0, 0, 0, 0.05, 0, 0, 0, 1] },
  zone: { zoneId: 'zone-live', speedLimitKmh: 50, jurisdiction: 'PE' },
});
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
    const published: DeviceStatusMessageV1[] = [];
    const subscription = await transport.subscribe({ groupId: 'live-test', topics: [TOPICS.deviceStatus], fromBeginning: true }, async (batch) => {
      for (const record of batch.records) published.push(JSON.parse(record.value.toString('utf8')) as DeviceStatusMessageV1);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await subscription.stop();
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
