// The warning an operator sees when a live infraction goes out without a clip, read from a
// real pino logger's output: a real RTSP camera's segment ring (GStreamer's server, see
// scripts/services/rtsp.sh) that does not hold the infraction's time.
import PQueue from 'p-queue';
import { afterEach, expect, it } from 'vitest';
import { capturedLogger } from '../../../test/support/captured-logger.js';
import { DEFAULT_TOLERANCES } from '../../domain/shared/tolerance.js';
import { LiveFrameSource } from '../frames/live-frame-source.js';
import { RtspCamera } from '../frames/testing/rtsp-camera.js';
import { infractionMessageId } from '../publish/track-messages.js';
import { calibratedHomography, drive } from '../rules/synthetic-road.js';
import { parseZoneRules } from '../rules/zone-rules.js';
import { EvidenceFrames } from './evidence-frame.js';
import { judgeTrack } from './finish-track.js';
import { StageTimings } from './stage-timings.js';

let camera: RtspCamera | null = null;
let source: LiveFrameSource | null = null;

afterEach(async () => {
  await source?.close();
  await camera?.stop();
  source = camera = null;
});

/** A live source read until its ring holds a closed segment, and its recent frames kept as a live run keeps them. */
async function liveRing(): Promise<{ live: LiveFrameSource; evidenceFrames: EvidenceFrames }> {
  camera = await RtspCamera.onFreePort();
  await camera.start();
  const live = new LiveFrameSource(camera.url, { sourceWidth: 640, sourceHeight: 360, rate: 5, analysisWidth: 320, timeoutS: 2, maxAttempts: 0 });
  source = live;
  const evidenceFrames = new EvidenceFrames(live.info, true, { keepRecent: 5, maxSourceBytes: 0 });
  for await (const frame of live) {
    evidenceFrames.remember(frame, undefined, []);
    if ((await live.ring.segments()).length >= 1) break;
  }
  return { live, evidenceFrames };
}

it('warns, naming the infraction, its track and the reason, when the ring does not hold its time, and gives no clip', async () => {
  const { live, evidenceFrames } = await liveRing();
  // A vehicle at 130 km/h in a 60 zone, seen 30 s before the camera's first frame: long gone from any ring.
  const driven = drive({ speedKmh: 130, startY: 0, frames: 10 });
  const track = { ...driven, observations: driven.observations.map((observation) => ({ ...observation, pts: observation.pts - 30 })) };
  const passage = { deviceId: 'cam-ring', zoneId: 'zone-1', clockStart: new Date('2026-11-26T05:00:00.000Z'), ingestTime: new Date('2026-11-26T05:01:00.000Z') };
  const { lines, logger } = capturedLogger('info');

  const judged = await judgeTrack(track, {
    rules: { zone: parseZoneRules({ zoneId: 'zone-1', speedLimitKmh: 60, jurisdiction: 'PE' }), homography: calibratedHomography(), tolerances: DEFAULT_TOLERANCES, signalAt: () => 'unknown' },
    timings: new StageTimings(),
    evidenceFrames,
    stills: new PQueue({ concurrency: 1 }),
    ring: live.ring,
    passage,
    clipSeconds: { before: 1, after: 1 },
    logger,
  });
  const [speeding] = judged.evidenceFrames;
  expect(speeding?.infraction.type).toBe('SPEED_VIOLATION');
  expect(await speeding!.liveClip).toBeUndefined();

  const held = await live.ring.segments();
  const atS = speeding!.infraction.pts;
  expect(atS).toBeLessThan(-29);
  expect(lines).toEqual([
    {
      level: 40,
      time: expect.any(Number),
      pid: process.pid,
      hostname: expect.any(String),
      messageId: infractionMessageId(passage, track, speeding!.infraction),
      trackId: 'plate--30000ms-1',
      infractionType: 'SPEED_VIOLATION',
      atS,
      msg: expect.stringMatching(new RegExp(`^infraction published without a clip: the camera's segment ring does not hold ${atS.toFixed(3)} s \\(it holds ${held[0]!.fromS.toFixed(3)}-\\d+\\.\\d{3} s\\)$`)),
    },
  ]);
}, 60_000);
