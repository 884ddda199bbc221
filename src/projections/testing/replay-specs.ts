// The specifications every projection must meet, shared by each projection's own spec:
// replaying events changes nothing, concurrent runners apply each event once, and a
// rebuild from zero gives exactly what the live run built.
import { expect, it } from 'vitest';
import type { Projection } from '../runner/projection.js';
import { tablesOf, type ProjectionWorld } from './fixture.js';

/**
 * `moreTrafficChangesTables`: whether the second batch of traffic (infractions and
 * observations, no new zones or devices) must change the tables; false for reference data.
 */
export function itReplaysAndRebuildsExactly(world: () => ProjectionWorld, projection: Projection, events = 3_000, moreTrafficChangesTables = true): void {
  it('replaying the same events gives the same tables, and a rebuild from zero gives what the live run built', async () => {
    const { pool, runner, appendTraffic } = world();
    const first = await appendTraffic({ events, seed: 7 });
    await runner([projection]).catchUp(first);
    const live = await tablesOf(pool, projection);
    expect(Object.values(live).some((rows) => rows.length > 0)).toBe(true);

    await runner([projection]).catchUp(first);
    expect(await tablesOf(pool, projection)).toEqual(live);

    // Two runners racing over the same new events: each event is applied once.
    const second = await appendTraffic({ events: events / 2, seed: 8, setup: false, start: '2026-06-01T00:00:00.000Z' });
    await Promise.all([runner([projection]).catchUp(second), runner([projection]).catchUp(second)]);
    const afterRace = await tablesOf(pool, projection);
    if (moreTrafficChangesTables) expect(afterRace).not.toEqual(live);

    await runner([projection]).rebuild(projection.name, { atLeast: second });
    expect(await tablesOf(pool, projection)).toEqual(afterRace);
  });
}
