// Uptime, fps and latency of a camera through GraphQL: registered, STALE for a while, ACTIVE
// again, two heartbeats; the status times are the commands' own (the wall clock), so the
// expected seconds are computed from the instants the API reports.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiWorld, type ApiWorld } from '../../graphql/testing/api-world.js';
import { commandId } from '../../graphql/testing/operations.js';

let world: ApiWorld;
const DEVICE = '{ devices { id status firstSeenAt statusSince } }';

async function ok(role: Parameters<ApiWorld['token']>[0], query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const response = await world.gql(await world.token(role, role === 'device' ? 'cam-u' : undefined), query, { commandId: commandId(), ...variables });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}

/** The camera as listed once the projection shows `status`. */
async function listedWith(status: string): Promise<{ firstSeenAt: string; statusSince: string }> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const device = ((await ok('supervisor', DEVICE)).devices as Array<{ status: string; firstSeenAt: string; statusSince: string }>)[0];
    if (device?.status === status) return device;
    await sleep(50);
  }
  throw new Error(`the camera never showed ${status}`);
}

const setStatus = (status: string) =>
  ok('admin', 'mutation($commandId: ID!, $status: DeviceStatus!) { changeDeviceStatus(commandId: $commandId, deviceId: "cam-u", status: $status, reason: "test") { events } }', { status });
const heartbeat = (at: string, fps: number, latencyMs: number) =>
  ok('device', 'mutation($commandId: ID!, $input: HeartbeatInput!) { recordHeartbeat(commandId: $commandId, input: $input) { events } }', { input: { deviceId: 'cam-u', at, fps, latencyMs } });

let registered: string;
let staleFrom: string;
let activeFrom: string;
beforeAll(async () => {
  world = await apiWorld();
  await ok('admin', 'mutation($commandId: ID!) { registerZone(commandId: $commandId, zoneId: "zone-u", name: "Av. Javier Prado", speedLimitKmh: 60, jurisdiction: "PE") { events } }');
  await ok('admin', 'mutation($commandId: ID!) { registerDevice(commandId: $commandId, deviceId: "cam-u", zoneId: "zone-u", name: "east", streamUrl: "rtsp://10.0.0.5/s") { events } }');
  registered = (await listedWith('ACTIVE')).firstSeenAt;
  await sleep(20);
  await setStatus('STALE');
  staleFrom = (await listedWith('STALE')).statusSince;
  await sleep(20);
  await setStatus('ACTIVE');
  activeFrom = (await listedWith('ACTIVE')).statusSince;
  // Early on the day of the registration, so both fall on one day whatever the hour.
  await heartbeat(`${registered.slice(0, 10)}T00:00:01.000Z`, 24, 80);
  await heartbeat(`${registered.slice(0, 10)}T00:00:02.000Z`, 26, 100);
});
afterAll(async () => world?.close());

const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

it('shows uptime since first seen up to the given instant, with the last fps and latency', async () => {
  const at = new Date(Date.parse(activeFrom) + 3_600_000).toISOString();
  let device: Record<string, unknown> = {};
  for (let attempt = 0; attempt < 100 && device.lastFps !== 26; attempt++) {
    device = ((await ok('auditor', 'query($at: DateTime) { devices(at: $at) { id lastFps lastLatencyMs uptime { activeSeconds staleSeconds otherSeconds ratio } } }', { at })).devices as Record<string, unknown>[])[0]!;
    if (device.lastFps !== 26) await sleep(50);
  }
  const active = seconds(registered, staleFrom) + seconds(activeFrom, at);
  const stale = seconds(staleFrom, activeFrom);
  expect(stale).toBeGreaterThan(0);
  expect(device).toEqual({ id: 'cam-u', lastFps: 26, lastLatencyMs: 100, uptime: { activeSeconds: active, staleSeconds: stale, otherSeconds: 0, ratio: expect.any(Number) } });
  expect((device.uptime as { ratio: number }).ratio).toBeCloseTo(active / (active + stale), 12);
});

it('shows the days with their uptime and the mean fps and latency of their heartbeats', async () => {
  const at = new Date(Date.parse(activeFrom) + 60_000).toISOString();
  const data = await ok('operator', 'query($from: Date!, $to: Date!, $at: DateTime) { deviceDays(deviceId: "cam-u", from: $from, to: $to, at: $at) { day heartbeats meanFps meanLatencyMs uptime { activeSeconds staleSeconds } } }', {
    from: registered.slice(0, 10),
    to: at.slice(0, 10),
    at,
  });
  const days = data.deviceDays as Array<{ day: string; heartbeats: number; meanFps: number | null; meanLatencyMs: number | null; uptime: { activeSeconds: number; staleSeconds: number } }>;
  // One day, or two when the test straddles midnight (UTC).
  expect(days.map((day) => day.day)).toEqual([...new Set([registered.slice(0, 10), at.slice(0, 10)])]);
  expect(days[0]).toMatchObject({ heartbeats: 2, meanFps: 25, meanLatencyMs: 90 });
  const total = (pick: (day: (typeof days)[number]) => number) => days.reduce((sum, day) => sum + pick(day), 0);
  expect(total((day) => day.uptime.staleSeconds)).toBeCloseTo(seconds(staleFrom, activeFrom), 9);
  expect(total((day) => day.uptime.activeSeconds)).toBeCloseTo(seconds(registered, staleFrom) + seconds(activeFrom, at), 9);
});

it('refuses a day range that runs backwards, naming the argument', async () => {
  const response = await world.gql(await world.token('operator'), '{ deviceDays(deviceId: "cam-u", from: "2026-03-02", to: "2026-03-01") { day } }');
  expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  expect(response.errors?.[0]?.message).toContain('to');
});
