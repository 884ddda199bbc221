import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionWorld, type ProjectionWorld } from '../testing/fixture.js';
import { itReplaysAndRebuildsExactly } from '../testing/replay-specs.js';
import { zonesProjection } from './projection.js';
import { listZones } from './queries.js';

let world: ProjectionWorld;
beforeAll(async () => {
  world = await projectionWorld();
});
afterAll(async () => world?.close());

describe('zones projection', () => {
  // Zones are reference data: later traffic leaves them as they are.
  itReplaysAndRebuildsExactly(() => world, zonesProjection, 3_000, false);

  it('lists every registered zone as its registration says', async () => {
    const zones = await listZones(world.pool);
    const { rows } = await world.pool.query<{ data: { zoneId: string; name: string; speedLimitKmh: number; jurisdiction: string } }>(
      `SELECT data FROM event_store.events WHERE type = 'ZoneRegistered' ORDER BY stream_name`,
    );
    const registered = rows.map(({ data }) => (typeof data === 'string' ? JSON.parse(data) : data) as typeof data);
    expect(zones.length).toBeGreaterThan(0);
    expect(zones.map(({ zoneId, name, speedLimitKmh, jurisdiction }) => ({ zoneId, name, speedLimitKmh, jurisdiction }))).toEqual(
      registered.map(({ zoneId, name, speedLimitKmh, jurisdiction }) => ({ zoneId, name, speedLimitKmh, jurisdiction })).sort((a, b) => a.zoneId.localeCompare(b.zoneId)),
    );
  });
});
