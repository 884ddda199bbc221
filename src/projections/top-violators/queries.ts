// The plates with the most infractions over a range of months.
import type { Pool } from 'pg';

export interface Violator {
  plate: string;
  infractions: number;
  fined: number;
  finesMinor: number;
}

/** Months as YYYY-MM, both inclusive; `limit` at most 100. */
export async function topViolators(pool: Pool, range: { fromMonth: string; toMonth: string; limit?: number }): Promise<Violator[]> {
  const limit = Math.min(Math.max(1, range.limit ?? 10), 100);
  const { rows } = await pool.query<Violator>(
    `SELECT plate, sum(infractions)::int AS infractions, sum(fined)::int AS fined, sum(fines_minor)::float8 AS "finesMinor"
       FROM read_models.violator_months
      WHERE month BETWEEN ($1 || '-01')::date AND ($2 || '-01')::date
      GROUP BY plate HAVING sum(infractions) > 0
      ORDER BY infractions DESC, "finesMinor" DESC, plate LIMIT $3`,
    [range.fromMonth, range.toMonth, limit],
  );
  return rows;
}
