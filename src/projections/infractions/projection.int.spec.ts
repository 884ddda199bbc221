import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionWorld, type ProjectionWorld } from '../testing/fixture.js';
import { itReplaysAndRebuildsExactly } from '../testing/replay-specs.js';
import { infractionsProjection } from './projection.js';
import { findInfraction, InvalidCursor, reviewQueue, searchInfractions } from './queries.js';

let world: ProjectionWorld;
beforeAll(async () => {
  world = await projectionWorld();
});
afterAll(async () => world?.close());

describe('infractions projection', () => {
  itReplaysAndRebuildsExactly(() => world, infractionsProjection);

  describe('queries', () => {
    it('pages through a filtered search with a keyset cursor, without gaps or repeats', async () => {
      const { pool } = world;
      const all = await searchInfractions(pool, { infractionType: ['SPEED_VIOLATION'] }, { first: 200 });
      expect(all.totalCount).toBeGreaterThan(20);
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await searchInfractions(pool, { infractionType: ['SPEED_VIOLATION'] }, { first: 7, after });
        expect(page.totalCount).toBe(all.totalCount);
        seen.push(...page.items.map((row) => row.infraction_id));
        if (!page.hasNextPage) break;
        after = page.endCursor;
      }
      expect(new Set(seen).size).toBe(all.totalCount);
      const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM read_models.infractions WHERE infraction_type = 'SPEED_VIOLATION'`);
      expect(seen.length).toBe(Number(rows[0]!.n));
    });

    it('filters by zone, device, plate and time range, newest first', async () => {
      const { pool } = world;
      const sample = (await searchInfractions(pool, {}, { first: 50 })).items.find((row) => row.plate !== null)!;
      const byPlate = await searchInfractions(pool, { plate: sample.plate!, zoneId: sample.zone_id, deviceId: sample.device_id }, { first: 50 });
      expect(byPlate.items.map((r) => r.infraction_id)).toContain(sample.infraction_id);
      expect(byPlate.items.every((r) => r.plate === sample.plate && r.zone_id === sample.zone_id && r.device_id === sample.device_id)).toBe(true);

      const from = new Date(new Date(sample.occurred_at).getTime() - 1_800_000).toISOString();
      const to = new Date(new Date(sample.occurred_at).getTime() + 1_800_000).toISOString();
      const day = await searchInfractions(pool, { from, to }, { first: 200 });
      const times = day.items.map((r) => new Date(r.occurred_at).getTime());
      expect(times.length).toBeGreaterThan(0);
      expect(times.every((t) => t >= Date.parse(from) && t < Date.parse(to))).toBe(true);
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });

    it('serves the review queue and single infractions with their lifecycle applied', async () => {
      const { pool } = world;
      const queue = await reviewQueue(pool, {}, { first: 10 });
      expect(queue.items.every((row) => row.status === 'DETECTED')).toBe(true);
      const paid = (await searchInfractions(pool, { status: ['PAID'] }, { first: 1 })).items[0]!;
      const one = await findInfraction(pool, paid.infraction_id);
      expect(one).toMatchObject({ status: 'PAID', fine_currency: 'PEN', fine_schedule_version: 1 });
      expect(one!.paid_at).not.toBeNull();
      expect(await findInfraction(pool, 'no-such-infraction')).toBeNull();
    });

    it('refuses a cursor it did not issue, naming the field', async () => {
      await expect(searchInfractions(world.pool, {}, { first: 5, after: 'bm90IGEgY3Vyc29y' })).rejects.toBeInstanceOf(InvalidCursor);
    });
  });
});
