import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionWorld, type ProjectionWorld } from '../testing/fixture.js';
import { itReplaysAndRebuildsExactly } from '../testing/replay-specs.js';
import { vehicleRiskProjection } from './projection.js';
import { vehicleRisk } from './queries.js';

let world: ProjectionWorld;
beforeAll(async () => {
  world = await projectionWorld();
});
afterAll(async () => world?.close());

describe('vehicle-risk projection', () => {
  itReplaysAndRebuildsExactly(() => world, vehicleRiskProjection);

  it('scores a plate only from offences that were confirmed and not voided', async () => {
    const { rows } = await world.pool.query<{ plate: string; confirmed: string; voided: string }>(
      `SELECT plate, count(*) FILTER (WHERE confirmed AND NOT voided) AS confirmed, count(*) FILTER (WHERE voided) AS voided
       FROM read_models.vehicle_risk_infractions WHERE plate IS NOT NULL GROUP BY plate ORDER BY 2 DESC, plate LIMIT 1`,
    );
    const top = rows[0]!;
    expect(Number(top.confirmed)).toBeGreaterThan(0);
    const risk = await vehicleRisk(world.pool, top.plate, new Date('2030-01-01T00:00:00Z'));
    expect(risk.factors.find((factor) => factor.name === 'confirmed_offences')?.value).toBe(Number(top.confirmed));
    // Years after the history, nothing is recent.
    expect(risk.factors.find((factor) => factor.name === 'recent_offences')?.value).toBe(0);
    expect(await vehicleRisk(world.pool, 'NONE-000')).toMatchObject({ score: 0 });
  });
});
