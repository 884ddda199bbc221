// The fines ledger: issued, paid, outstanding and cancelled, by schedule version and currency.
import type { Pool } from 'pg';

export interface LedgerLine {
  scheduleVersion: number;
  currency: string;
  issuedCount: number;
  issuedMinor: number;
  paidCount: number;
  paidMinor: number;
  outstandingCount: number;
  outstandingMinor: number;
  cancelledCount: number;
  cancelledMinor: number;
}

/** Fines issued in [from, to) (ISO-8601; both optional). */
export async function finesLedger(pool: Pool, range: { from?: string; to?: string } = {}): Promise<LedgerLine[]> {
  const { rows } = await pool.query<LedgerLine>(
    `SELECT schedule_version AS "scheduleVersion", currency,
            count(*)::int AS "issuedCount", sum(amount_minor)::float8 AS "issuedMinor",
            count(*) FILTER (WHERE state = 'PAID')::int AS "paidCount", coalesce(sum(paid_minor), 0)::float8 AS "paidMinor",
            count(*) FILTER (WHERE state = 'OUTSTANDING')::int AS "outstandingCount",
            coalesce(sum(amount_minor) FILTER (WHERE state = 'OUTSTANDING'), 0)::float8 AS "outstandingMinor",
            count(*) FILTER (WHERE state = 'CANCELLED')::int AS "cancelledCount",
            coalesce(sum(amount_minor) FILTER (WHERE state = 'CANCELLED'), 0)::float8 AS "cancelledMinor"
       FROM read_models.fines
      WHERE ($1::timestamptz IS NULL OR issued_at >= $1) AND ($2::timestamptz IS NULL OR issued_at < $2)
      GROUP BY schedule_version, currency ORDER BY schedule_version, currency`,
    [range.from ?? null, range.to ?? null],
  );
  return rows;
}
