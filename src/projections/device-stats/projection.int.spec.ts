import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionWorld, type ProjectionWorld } from '../testing/fixture.js';
import { itReplaysAndRebuildsExactly } from '../testing/replay-specs.js';
import { deviceStatsProjection } from './projection.js';
import { findDevice, listDevices } from './queries.js';

let world: ProjectionWorld;
beforeAll(async () => {
  world = await projectionWorld();
});
afterAll(async () => world?.close());

describe('device-stats projection', () => {
  itReplaysAndRebuildsExactly(() => world, deviceStatsProjection);

  it('lists every registered camera with what it produced', async () => {
    const devices = await listDevices(world.pool);
    expect(devices).toHaveLength(32);
    const busiest = [...devices].sort((a, b) => b.observations - a.observations)[0]!;
    const { rows } = await world.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM event_store.events WHERE type = 'ObservationRecorded' AND data->>'deviceId' = $1`,
      [busiest.deviceId],
    );
    expect(busiest.observations).toBe(Number(rows[0]!.n));
    expect(busiest).toMatchObject({ status: 'ACTIVE', lastFps: 25 });
    expect(await listDevices(world.pool, { zoneId: busiest.zoneId! })).toHaveLength(4);
    expect(await findDevice(world.pool, 'cam-404')).toBeNull();
  });
});
