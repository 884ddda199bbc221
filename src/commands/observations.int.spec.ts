// Observations and heartbeats through the bus on real PostgreSQL: a passage is appended to
// its device's day stream without folding it, and a redelivered passage writes nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { device } from '../domain/testing/actors.js';
import { collect } from '../event-store/contract/builders.js';
import { send, type BusCommand } from './command-messages.js';
import { startWriteSide, type WriteSide } from './testing/write-side-fixture.js';

let side: WriteSide;
beforeAll(async () => {
  side = await startWriteSide();
});
afterAll(() => side?.close());

const observation = (observationId: string, observedAt = '2026-03-02T10:00:00.000Z'): BusCommand => ({
  type: 'RecordObservation',
  data: { observationId, deviceId: 'cam-1', trackId: `t-${observationId}`, observedAt, plate: null, speedKmh: 48, lane: null },
  metadata: { commandId: `observe-${observationId}`, correlationId: observationId, actor: device('cam-1'), now: observedAt },
});

const dayStream = (day: string) => collect(side.store.readStream(`observations-cam-1-${day}`));

it('appends each passage to the device day stream of its UTC day', async () => {
  await send(side.bus, observation('o-1'));
  await send(side.bus, observation('o-2'));
  await send(side.bus, observation('o-3', '2026-03-03T00:00:01.000Z'));
  expect((await dayStream('2026-03-02')).map((event) => (event.data as { observationId: string }).observationId)).toEqual(['o-1', 'o-2']);
  expect(await dayStream('2026-03-03')).toHaveLength(1);
});

it('writes a redelivered passage once, even after later passages', async () => {
  const first = await send(side.bus, observation('o-4'));
  await send(side.bus, observation('o-5'));
  const again = await send(side.bus, observation('o-4'));
  expect(again.position).toEqual(first.position);
  const ids = (await dayStream('2026-03-02')).map((event) => (event.data as { observationId: string }).observationId);
  expect(ids).toEqual(['o-1', 'o-2', 'o-4', 'o-5']);
  expect(await side.store.verify('observations-cam-1-2026-03-02')).toMatchObject({ ok: true, events: 4 });
});

it('keeps only the newest heartbeat of a device day (an older one tells nothing new)', async () => {
  const heartbeat = (at: string, commandId: string): BusCommand => ({
    type: 'RecordHeartbeat',
    data: { deviceId: 'cam-1', at, fps: 10, latencyMs: 90 },
    metadata: { commandId, correlationId: commandId, actor: device('cam-1'), now: at },
  });
  await send(side.bus, heartbeat('2026-03-04T10:00:10.000Z', 'hb-2'));
  const late = await send(side.bus, heartbeat('2026-03-04T10:00:05.000Z', 'hb-1'));
  expect(late.events).toEqual([]);
  expect((await dayStream('2026-03-04')).map((event) => event.type)).toEqual(['DeviceHeartbeatRecorded']);
});
