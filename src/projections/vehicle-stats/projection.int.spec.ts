import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionWorld, type ProjectionWorld } from '../testing/fixture.js';
import { itReplaysAndRebuildsExactly } from '../testing/replay-specs.js';
import { vehicleStatsProjection } from './projection.js';
import { findVehicle, mostInfringingVehicles } from './queries.js';

let world: ProjectionWorld;
beforeAll(async () => {
  world = await projectionWorld();
});
afterAll(async () => world?.close());

describe('vehicle-stats projection', () => {
  itReplaysAndRebuildsExactly(() => world, vehicleStatsProjection);

  it('keeps per plate its passages, infractions, top speed and first and last sighting', async () => {
    const [worst] = await mostInfringingVehicles(world.pool, 1);
    expect(await findVehicle(world.pool, worst!.plate)).toEqual(worst);
    const { rows: seen } = await world.pool.query<{ plate: string }>('SELECT plate FROM read_models.vehicle_stats ORDER BY observations DESC, plate LIMIT 1');
    const vehicle = await findVehicle(world.pool, seen[0]!.plate);
    const { rows } = await world.pool.query<{ n: string; first: Date }>(
      `SELECT count(*) AS n, min((data->>'observedAt')::timestamptz) AS first FROM event_store.events
        WHERE type = 'ObservationRecorded' AND data->'plate'->>'text' = $1`,
      [vehicle!.plate],
    );
    expect(vehicle!.observations).toBe(Number(rows[0]!.n));
    expect(vehicle!.firstSeenAt.getTime()).toBeLessThanOrEqual(rows[0]!.first.getTime());
    expect(vehicle!.lastSeenAt.getTime()).toBeGreaterThanOrEqual(vehicle!.firstSeenAt.getTime());
  });
});
