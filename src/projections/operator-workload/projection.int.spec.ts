import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionWorld, type ProjectionWorld } from '../testing/fixture.js';
import { itReplaysAndRebuildsExactly } from '../testing/replay-specs.js';
import { operatorWorkloadProjection } from './projection.js';
import { operatorWorkload } from './queries.js';

let world: ProjectionWorld;
beforeAll(async () => {
  world = await projectionWorld();
});
afterAll(async () => world?.close());

describe('operator-workload projection', () => {
  itReplaysAndRebuildsExactly(() => world, operatorWorkloadProjection);

  it('counts each operator\'s decisions per day with the median time to decide', async () => {
    const rows = await operatorWorkload(world.pool, { from: '2026-01-01', to: '2026-12-31' });
    expect(rows.length).toBeGreaterThan(0);
    const total = rows.reduce((sum, r) => sum + r.validated + r.rejected, 0);
    const { rows: logged } = await world.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM event_store.events WHERE type IN ('InfractionValidated', 'InfractionRejected')`,
    );
    expect(total).toBe(Number(logged[0]!.n));
    expect(rows.every((r) => r.operator.startsWith('user:operator-') && r.medianSecondsToDecision >= 300)).toBe(true);
    const one = await operatorWorkload(world.pool, { from: '2026-01-01', to: '2026-12-31', operator: rows[0]!.operator });
    expect(one.every((r) => r.operator === rows[0]!.operator)).toBe(true);
  });
});
