// The demo's reference data as commands: a fine schedule, the zone the demo camera
// watches (limit, lanes, stop line, signal) and the camera itself, calibrated from the
// generated scene's reference points. Command ids are fixed, so a second start appends
// nothing.
import type { BusCommand } from '../../commands/command-messages.js';
import type { Actor } from '../../domain/shared/actor.js';
import type { VideoTruth } from '../../ingest/synth/truth.js';

export const DEMO_ZONE_ID = 'zone-av-javier-prado';
export const DEMO_DEVICE_ID = 'cam-javier-prado-01';
export const DEMO_JURISDICTION = 'PE';

const ADMIN: Actor = { kind: 'user', userId: 'demo-admin', role: 'admin' };

export function demoCommands(truth: VideoTruth, videoFile: string, now: string): BusCommand[] {
  const metadata = (step: string) => ({ commandId: `demo-${step}`, correlationId: 'demo-seed', actor: ADMIN, now });
  const { scene, calibration } = truth;
  return [
    {
      type: 'PublishFineSchedule',
      data: {
        version: 1,
        currency: 'PEN',
        effectiveFrom: '2020-01-01T00:00:00.000Z',
        amountsByType: { RED_LIGHT: 49_800, LANE_INVASION: 20_750, NO_SEATBELT: 41_500, PHONE_USAGE: 41_500, OTHER: 10_000 },
        speedBands: [
          { minExcessKmh: 0, amountMinor: 20_750 },
          { minExcessKmh: 10, amountMinor: 41_500 },
          { minExcessKmh: 20, amountMinor: 83_000 },
        ],
      },
      metadata: metadata('fine-schedule-v1'),
    },
    {
      type: 'RegisterZone',
      data: { zoneId: DEMO_ZONE_ID, name: 'Av. Javier Prado (demo)', speedLimitKmh: scene.speedLimitKmh, jurisdiction: DEMO_JURISDICTION },
      metadata: metadata('zone'),
    },
    {
      type: 'SetLanes',
      data: {
        zoneId: DEMO_ZONE_ID,
        lanes: scene.lanes.map((lane) => ({ laneId: `lane-${lane.id}`, name: `Lane ${lane.id}`, polygon: lane.image.map(({ x, y }) => ({ x, y })) })),
      },
      metadata: metadata('zone-lanes'),
    },
    {
      type: 'SetStopLine',
      data: { zoneId: DEMO_ZONE_ID, stopLine: { a: scene.stopLine.image[0], b: scene.stopLine.image[1] } },
      metadata: metadata('zone-stop-line'),
    },
    {
      type: 'SetSignalSource',
      data: {
        zoneId: DEMO_ZONE_ID,
        signalSource: { kind: 'FRAME_REGION', region: { x: scene.signal.region.x, y: scene.signal.region.y, width: scene.signal.region.w, height: scene.signal.region.h } },
      },
      metadata: metadata('zone-signal'),
    },
    {
      type: 'RegisterDevice',
      data: { deviceId: DEMO_DEVICE_ID, zoneId: DEMO_ZONE_ID, name: 'Javier Prado eastbound, pole 1', streamUrl: `file://${videoFile}` },
      metadata: metadata('device'),
    },
    {
      type: 'CalibrateDevice',
      data: { deviceId: DEMO_DEVICE_ID, referencePoints: calibration.referencePoints.map(({ image, ground }) => ({ image, ground })) },
      metadata: metadata('device-calibration'),
    },
  ];
}
