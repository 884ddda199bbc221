// Reports over the read models, after a small history driven through the API: a zone and
// a device, two detections, one validated, fined and paid, one rejected.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiWorld, type ApiWorld } from './testing/api-world.js';
import { commandId, detection, PUBLISH_SCHEDULE, RECORD_DETECTED, SCHEDULE } from './testing/operations.js';

let world: ApiWorld;
const occurredAt = new Date(Date.now() - 3_600_000);
const day = occurredAt.toISOString().slice(0, 10);
const month = day.slice(0, 7);

async function ok(role: Parameters<ApiWorld['token']>[0], subject: string, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const response = await world.gql(await world.token(role, subject), query, { commandId: commandId(), ...variables });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < 100 && !done(value); attempt++) {
    await sleep(50);
    value = await read();
  }
  return value;
}

beforeAll(async () => {
  world = await apiWorld();
  await ok('admin', 'admin-1', PUBLISH_SCHEDULE, { schedule: SCHEDULE });
  await ok('admin', 'admin-1', 'mutation($commandId: ID!) { registerZone(commandId: $commandId, zoneId: "zone-r", name: "Av. Arequipa", speedLimitKmh: 50, jurisdiction: "PE") { events } }');
  await ok('admin', 'admin-1', 'mutation($commandId: ID!) { registerDevice(commandId: $commandId, deviceId: "device-1", zoneId: "zone-r", name: "north", streamUrl: "rtsp://10.0.0.9/s") { events } }');
  for (const id of ['r-1', 'r-2']) {
    await ok('device', 'device-1', RECORD_DETECTED, { input: { ...detection({ infractionId: id, zoneId: 'zone-r', occurredAt: occurredAt.toISOString() }), plate: { text: 'XYZ-789', confidence: 0.95, reader: 'ocr' } } });
  }
  await ok('operator', 'ana', 'mutation($commandId: ID!) { validateInfraction(commandId: $commandId, infractionId: "r-1") { events } }');
  await ok('operator', 'ana', 'mutation($commandId: ID!) { rejectInfraction(commandId: $commandId, infractionId: "r-2", reason: DUPLICATE) { events } }');
  await ok('operator', 'ana', 'mutation($commandId: ID!) { issueFine(commandId: $commandId, infractionId: "r-1") { events } }');
  await ok('operator', 'ana', 'mutation($commandId: ID!) { recordPayment(commandId: $commandId, infractionId: "r-1", paymentId: "p-1", amount: { amountMinor: 90000, currency: "PEN" }, paidAt: "2026-01-02T00:00:00Z") { events } }');
});
afterAll(async () => world?.close());

it('lists the device with its counts', async () => {
  const data = await eventually(
    () => ok('supervisor', 's', '{ devices { id zoneId name infractions lastInfractionAt } }'),
    (d) => (d.devices as Array<{ infractions: number }>)[0]?.infractions === 2,
  );
  expect(data.devices).toEqual([{ id: 'device-1', zoneId: 'zone-r', name: 'north', infractions: 2, lastInfractionAt: expect.any(String) }]);
});

it('lists the zone with its latest limit and stop line', async () => {
  await ok('supervisor', 'sup-1', 'mutation($commandId: ID!) { setSpeedLimit(commandId: $commandId, zoneId: "zone-r", speedLimitKmh: 40) { events } }');
  await ok('supervisor', 'sup-1', 'mutation($commandId: ID!) { setStopLine(commandId: $commandId, zoneId: "zone-r", from: { x: 10, y: 400 }, to: { x: 900, y: 410 }) { events } }');
  const data = await eventually(
    () => ok('operator', 'o', '{ zones { id name speedLimitKmh jurisdiction lanes { id } stopLine { from { x y } to { x y } } } }'),
    (d) => (d.zones as Array<{ stopLine: unknown }>)[0]?.stopLine != null,
  );
  expect(data.zones).toEqual([
    { id: 'zone-r', name: 'Av. Arequipa', speedLimitKmh: 40, jurisdiction: 'PE', lanes: [], stopLine: { from: { x: 10, y: 400 }, to: { x: 900, y: 410 } } },
  ]);
});

it('scores the vehicle from its confirmed offences, showing every factor', async () => {
  const query = '{ vehicleRisk(plate: "xyz-789") { plate score factors { name value weight points } } }';
  const data = await eventually(() => ok('supervisor', 's', query), (d) => (d.vehicleRisk as { score: number }).score > 0);
  // r-1 validated, fined and paid an hour ago; r-2 rejected (not an offence).
  expect(data.vehicleRisk).toEqual({
    plate: 'XYZ-789',
    score: 15,
    factors: [
      { name: 'confirmed_offences', value: 1, weight: 5, points: 5 },
      { name: 'recent_offences', value: 1, weight: 10, points: 10 },
      { name: 'repeat_offences', value: 0, weight: 8, points: 0 },
      { name: 'unpaid_fines', value: 0, weight: 15, points: 0 },
    ],
  });
});

it('counts the day of the zone', async () => {
  const query = `query($day: Date!) { dailyReport(from: $day, to: $day, zoneId: "zone-r") { zoneId day type detected validated rejected fined finesMinor } }`;
  const data = await eventually(() => ok('auditor', 'a', query, { day }), (d) => (d.dailyReport as Array<{ fined: number }>)[0]?.fined === 1);
  expect(data.dailyReport).toEqual([{ zoneId: 'zone-r', day, type: 'SPEED_VIOLATION', detected: 2, validated: 1, rejected: 1, fined: 1, finesMinor: 90000 }]);
});

it('ranks the violators of the month', async () => {
  const query = `query($m: String!) { topViolators(fromMonth: $m, toMonth: $m) { plate infractions fined finesMinor } }`;
  const data = await eventually(() => ok('operator', 'o', query, { m: month }), (d) => (d.topViolators as Array<{ fined: number }>)[0]?.fined === 1);
  expect(data.topViolators).toEqual([{ plate: 'XYZ-789', infractions: 2, fined: 1, finesMinor: 90000 }]);
});

it('keeps the fines ledger, for those who answer for it only', async () => {
  const query = '{ finesLedger { scheduleVersion currency issuedCount issuedMinor paidCount paidMinor outstandingCount } }';
  const data = await eventually(() => ok('auditor', 'a', query), (d) => (d.finesLedger as Array<{ paidCount: number }>)[0]?.paidCount === 1);
  expect(data.finesLedger).toEqual([{ scheduleVersion: 1, currency: 'PEN', issuedCount: 1, issuedMinor: 90000, paidCount: 1, paidMinor: 90000, outstandingCount: 0 }]);
  const refused = await world.gql(await world.token('operator', 'o'), query);
  expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

it("shows the operators' decisions", async () => {
  const query = `query($day: Date!) { operatorWorkload(from: $day, to: $day) { operator validated rejected } }`;
  const today = new Date().toISOString().slice(0, 10);
  const data = await eventually(() => ok('supervisor', 's', query, { day: today }), (d) => (d.operatorWorkload as unknown[]).length > 0);
  expect(data.operatorWorkload).toEqual([{ operator: 'user:ana', validated: 1, rejected: 1 }]);
});

it('refuses a month that is not yyyy-mm, naming the argument', async () => {
  const response = await world.gql(await world.token('operator', 'o'), '{ topViolators(fromMonth: "2026-13", toMonth: "2026-01") { plate } }');
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fromMonth' });
});
