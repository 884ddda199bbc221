import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionWorld, type ProjectionWorld } from '../testing/fixture.js';
import { itReplaysAndRebuildsExactly } from '../testing/replay-specs.js';
import { finesLedgerProjection } from './projection.js';
import { finesLedger } from './queries.js';

let world: ProjectionWorld;
beforeAll(async () => {
  world = await projectionWorld();
});
afterAll(async () => world?.close());

describe('fines-ledger projection', () => {
  itReplaysAndRebuildsExactly(() => world, finesLedgerProjection);

  it('sums issued, paid, outstanding and cancelled fines by schedule version', async () => {
    const [line, ...others] = await finesLedger(world.pool);
    expect(others).toEqual([]);
    expect(line).toMatchObject({ scheduleVersion: 1, currency: 'PEN' });
    expect(line!.paidCount + line!.outstandingCount + line!.cancelledCount).toBe(line!.issuedCount);
    expect(line!.paidCount).toBeGreaterThan(0);
    const { rows } = await world.pool.query<{ n: string; paid: string }>(
      `SELECT count(*) FILTER (WHERE type = 'FineIssued') AS n, coalesce(sum((data->'amount'->>'amountMinor')::bigint) FILTER (WHERE type = 'PaymentRecorded'), 0) AS paid
         FROM event_store.events`,
    );
    expect(line!.issuedCount).toBe(Number(rows[0]!.n));
    expect(line!.paidMinor).toBe(Number(rows[0]!.paid));
    expect(await finesLedger(world.pool, { from: '2030-01-01T00:00:00Z' })).toEqual([]);
  });
});
