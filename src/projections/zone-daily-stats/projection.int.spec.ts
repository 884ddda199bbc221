import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionWorld, type ProjectionWorld } from '../testing/fixture.js';
import { itReplaysAndRebuildsExactly } from '../testing/replay-specs.js';
import { zoneDailyStatsProjection } from './projection.js';
import { dailyReport, hourlyProfile } from './queries.js';

let world: ProjectionWorld;
beforeAll(async () => {
  world = await projectionWorld();
});
afterAll(async () => world?.close());

describe('zone-daily-stats projection', () => {
  itReplaysAndRebuildsExactly(() => world, zoneDailyStatsProjection);

  it('counts per zone, day and type what the infractions in the log say', async () => {
    const report = await dailyReport(world.pool, { from: '2026-01-01', to: '2026-12-31' });
    const counted = (type: string): number => report.reduce((sum, row) => sum + (row as unknown as Record<string, number>)[type]!, 0);
    const { rows } = await world.pool.query<{ type: string; n: string }>(
      `SELECT type, count(*) AS n FROM event_store.events WHERE type IN ('InfractionDetected', 'InfractionValidated', 'InfractionRejected', 'FineIssued') GROUP BY type`,
    );
    const logged = Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
    expect(counted('detected')).toBe(logged.InfractionDetected);
    expect(counted('validated')).toBe(logged.InfractionValidated);
    expect(counted('rejected')).toBe(logged.InfractionRejected);
    expect(counted('fined')).toBe(logged.FineIssued);
    expect(counted('finesMinor')).toBeGreaterThan(0);
  });

  it('gives the hourly profile of a zone', async () => {
    const [first] = await dailyReport(world.pool, { from: '2026-01-01', to: '2026-12-31' });
    const hours = await hourlyProfile(world.pool, { zoneId: first!.zoneId, from: '2026-01-01', to: '2026-12-31' });
    expect(hours.length).toBeGreaterThan(0);
    expect(hours.every((h) => h.hour >= 0 && h.hour < 24 && h.detected > 0)).toBe(true);
  });
});
