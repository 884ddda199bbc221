// A camera that stops beating goes STALE, and ACTIVE again when it beats anew; two monitors
// at once record each change once; a device a person put in MAINTENANCE is left alone.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../app/logger.js';
import { send as sendCommand, type BusCommand } from '../commands/command-messages.js';
import { startWriteSide, type WriteSide } from '../commands/testing/write-side-fixture.js';
import { admin, device } from '../domain/testing/actors.js';
import { collect } from '../event-store/contract/builders.js';
import { comparePositions, START, type Position } from '../event-store/port.js';
import { deviceStatsProjection } from '../projections/device-stats/projection.js';
import { ProjectionRunner } from '../projections/runner/runner.js';
import { DeviceHealthMonitor } from './health-monitor.js';

let side: WriteSide;
let runner: ProjectionRunner;
let monitor: DeviceHealthMonitor;
const logger = createLogger('silent');
const T0 = Date.parse('2026-03-02T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

const register = (deviceId: string): BusCommand => ({
  type: 'RegisterDevice',
  data: { deviceId, zoneId: 'zone-1', name: deviceId, streamUrl: `rtsp://cameras.local/${deviceId}` },
  metadata: { commandId: `register-${deviceId}`, correlationId: deviceId, actor: admin(), now: at(0).toISOString() },
});
const heartbeat = (deviceId: string, seconds: number): BusCommand => ({
  type: 'RecordHeartbeat',
  data: { deviceId, at: at(seconds).toISOString(), fps: 10, latencyMs: 80 },
  metadata: { commandId: `hb-${deviceId}-${seconds}`, correlationId: deviceId, actor: device(deviceId), now: at(seconds).toISOString() },
});
// The log position of the last event a command appended: catchUp waits for it, since the
// store may not show a just-committed event as its head at once.
let written: Position = START;
async function send(bus: WriteSide['bus'], command: BusCommand) {
  const outcome = await sendCommand(bus, command);
  if (outcome.position && comparePositions(outcome.position, written) > 0) written = outcome.position;
  return outcome;
}
const statuses = async (deviceId: string) =>
  (await collect(side.store.readStream(`device-${deviceId}`)))
    .filter((event) => event.type === 'DeviceStatusChanged')
    .map((event) => (event.data as { status: string }).status);

beforeAll(async () => {
  side = await startWriteSide();
  runner = new ProjectionRunner(side.db.pool, side.store, [deviceStatsProjection], logger);
  monitor = new DeviceHealthMonitor({ pool: side.db.pool, bus: side.bus, logger, staleAfterMs: 60_000 });
  for (const id of ['cam-h', 'cam-m']) {
    await send(side.bus, register(id));
    await send(side.bus, heartbeat(id, 0));
  }
  await send(side.bus, {
    type: 'ChangeDeviceStatus',
    data: { deviceId: 'cam-m', status: 'MAINTENANCE', reason: 'lens cleaning' },
    metadata: { commandId: 'maintenance-cam-m', correlationId: 'cam-m', actor: admin(), now: at(1).toISOString() },
  });
  await runner.catchUp(written);
});
afterAll(() => side?.close());

it('leaves a device that beat within the allowed silence alone', async () => {
  expect(await monitor.runOnce(at(30))).toEqual({ stale: [], recovered: [] });
  expect(await statuses('cam-h')).toEqual([]);
});

it('marks a silent device STALE once, even with two monitors at once, and not one in MAINTENANCE', async () => {
  const other = new DeviceHealthMonitor({ pool: side.db.pool, bus: side.bus, logger, staleAfterMs: 60_000 });
  const runs = await Promise.all([monitor.runOnce(at(120)), other.runOnce(at(121))]);
  expect(runs.flatMap((run) => run.stale)).toEqual(['cam-h']);
  expect(await statuses('cam-h')).toEqual(['STALE']);
  expect(await statuses('cam-m')).toEqual(['MAINTENANCE']);
});

it('brings it back to ACTIVE when it beats again', async () => {
  await send(side.bus, heartbeat('cam-h', 200));
  await runner.catchUp(written);
  expect(await monitor.runOnce(at(210))).toEqual({ stale: [], recovered: ['cam-h'] });
  expect(await statuses('cam-h')).toEqual(['STALE', 'ACTIVE']);
});
