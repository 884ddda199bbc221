// A live source against a real RTSP server (GStreamer's, see scripts/services/rtsp.sh)
// that the test stops mid-stream and starts again.
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { TOPICS, type DeviceStatusMessageV1 } from '../../transport/messages/index.js';
import { InProcessTransport } from '../../transport/in-process/in-process-transport.js';
import { DeviceStatusReporter } from '../publish/device-status-reporter.js';
import type { Frame, FrameSourceStatus } from '../types.js';
import { LiveFrameSource } from './live-frame-source.js';
import { RtspCamera } from './testing/rtsp-camera.js';

const BACKOFF = { initial: 200, max: 800 };
let camera: RtspCamera | null = null;
let transport: InProcessTransport | null = null;

afterEach(async () => {
  await camera?.stop();
  await transport?.close();
});

async function statusMessages(bus: InProcessTransport): Promise<DeviceStatusMessageV1['status'][]> {
  const seen: DeviceStatusMessageV1['status'][] = [];
  const subscription = await bus.subscribe({ groupId: 'status-test', topics: [TOPICS.deviceStatus], fromBeginning: true }, async (batch) => {
    for (const record of batch.records) seen.push((JSON.parse(record.value.toString('utf8')) as DeviceStatusMessageV1).status);
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  await subscription.stop();
  return seen;
}

function liveSource(url: string, statuses: FrameSourceStatus[], reporter: DeviceStatusReporter, maxAttempts: number, onStatus?: (s: FrameSourceStatus) => void) {
  return new LiveFrameSource(url, {
    sourceWidth: 640,
    sourceHeight: 360,
    rate: 5,
    analysisWidth: 320,
    backoffMs: BACKOFF,
    maxAttempts,
    timeoutS: 2,
    onStatus: (status) => {
      statuses.push(status);
      reporter.report(status);
      onStatus?.(status);
    },
  });
}

describe('live RTSP source', () => {
  it('streams frames with rising pts, reports the drop, backs off, and streams again when the camera returns', async () => {
    camera = await RtspCamera.onFreePort();
    await camera.start();
    transport = new InProcessTransport({ logger: createLogger('silent') });
    const reporter = new DeviceStatusReporter(transport, 'cam-rtsp', 5);
    const statuses: FrameSourceStatus[] = [];
    let restarted: Promise<void> | null = null;
    // The camera comes back during the second wait, so the reader has failed twice first.
    const source = liveSource(camera.url, statuses, reporter, 20, (status) => {
      if (status.state === 'reconnecting' && status.attempt === 2) restarted = camera!.start();
    });
    const before: Frame[] = [];
    const after: Frame[] = [];
    for await (const frame of source) {
      if (!restarted) {
        before.push(frame);
        if (before.length === 5) await camera.stop();
      } else {
        after.push(frame);
        if (after.length === 5) break;
      }
    }
    await source.close();
    await reporter.flush();

    expect(before.length).toBeGreaterThanOrEqual(5);
    const pts = [...before, ...after].map((f) => f.pts);
    expect(pts.every((t, i) => i === 0 || t > pts[i - 1]!)).toBe(true);
    expect(after[0]!.width).toBe(320);
    const reconnecting = statuses.filter((s) => s.state === 'reconnecting');
    expect(reconnecting.slice(0, 2).map((s) => s.state === 'reconnecting' && s.delayMs)).toEqual([200, 400]);
    expect(statuses.filter((s) => s.state === 'streaming')).toHaveLength(2);
    expect(statuses.at(-1)).toEqual({ state: 'streaming' });
    const published = await statusMessages(transport);
    expect(published[0]).toBe('online');
    expect(published.at(-1)).toBe('online');
    expect(published).toContain('offline');
  }, 60_000);

  it('ends with SOURCE_UNREACHABLE after its last attempt, the delays doubling up to the cap', async () => {
    camera = await RtspCamera.onFreePort();
    await camera.start();
    transport = new InProcessTransport({ logger: createLogger('silent') });
    const reporter = new DeviceStatusReporter(transport, 'cam-rtsp', 5);
    const statuses: FrameSourceStatus[] = [];
    const source = liveSource(camera.url, statuses, reporter, 4);
    let frames = 0;
    const outcome = (async () => {
      for await (const _frame of source) {
        frames += 1;
        if (frames === 3) await camera!.stop();
      }
    })();
    await expect(outcome).rejects.toMatchObject({ code: 'SOURCE_UNREACHABLE', message: expect.stringContaining(`live source ${camera.url} failed`) });
    await reporter.flush();
    expect(frames).toBeGreaterThanOrEqual(3);
    expect(statuses.filter((s) => s.state === 'reconnecting').map((s) => s.state === 'reconnecting' && s.delayMs)).toEqual([200, 400, 800, 800]);
    expect(statuses.at(-1)).toMatchObject({ state: 'failed' });
    expect((await statusMessages(transport)).at(-1)).toBe('offline');
  }, 60_000);
});
