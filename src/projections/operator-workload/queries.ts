// Operator workload: decisions per operator and day, and the median time to decide.
import type { Pool } from 'pg';

export interface WorkloadRow {
  operator: string;
  day: string;
  validated: number;
  rejected: number;
  medianSecondsToDecision: number;
}

/** Days as YYYY-MM-DD, both inclusive. */
export async function operatorWorkload(pool: Pool, range: { from: string; to: string; operator?: string }): Promise<WorkloadRow[]> {
  const { rows } = await pool.query<WorkloadRow>(
    `SELECT operator, to_char(day, 'YYYY-MM-DD') AS day,
            count(*) FILTER (WHERE decision = 'VALIDATED')::int AS validated,
            count(*) FILTER (WHERE decision = 'REJECTED')::int AS rejected,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds_to_decision) AS "medianSecondsToDecision"
       FROM read_models.operator_decisions
      WHERE day BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR operator = $3)
      GROUP BY operator, day ORDER BY day, operator`,
    [range.from, range.to, range.operator ?? null],
  );
  return rows;
}
