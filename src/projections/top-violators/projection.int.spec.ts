import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionWorld, type ProjectionWorld } from '../testing/fixture.js';
import { itReplaysAndRebuildsExactly } from '../testing/replay-specs.js';
import { topViolatorsProjection } from './projection.js';
import { topViolators } from './queries.js';

let world: ProjectionWorld;
beforeAll(async () => {
  world = await projectionWorld();
});
afterAll(async () => world?.close());

describe('top-violators projection', () => {
  itReplaysAndRebuildsExactly(() => world, topViolatorsProjection);

  it('ranks plates by infractions over a range of months, matching the infractions in the log', async () => {
    const top = await topViolators(world.pool, { fromMonth: '2026-01', toMonth: '2026-12', limit: 5 });
    expect(top).toHaveLength(5);
    expect(top.map((v) => v.infractions)).toEqual([...top.map((v) => v.infractions)].sort((a, b) => b - a));
    // The plate in force is the one read at detection, or the one a person confirmed or corrected.
    const { rows } = await world.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM event_store.events d
        WHERE d.type = 'InfractionDetected'
          AND coalesce((SELECT c.data->>'plate' FROM event_store.events c WHERE c.stream_name = d.stream_name
                         AND c.type IN ('PlateCorrected', 'PlateConfirmed') ORDER BY c.revision DESC LIMIT 1), d.data->'plate'->>'text') = $1`,
      [top[0]!.plate],
    );
    expect(top[0]!.infractions).toBe(Number(rows[0]!.n));
    expect(await topViolators(world.pool, { fromMonth: '2030-01', toMonth: '2030-12' })).toEqual([]);
  });
});
