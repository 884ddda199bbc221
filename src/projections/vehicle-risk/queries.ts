// A vehicle's risk, scored from its confirmed offences as the read model holds them.
import type { Pool } from 'pg';
import { RECENT_DAYS, type VehicleHistory } from './risk-score.js';
import { formulaScorer, type RiskScorer, type ScoredRisk } from './risk-scorer.js';

export interface VehicleRisk extends ScoredRisk {
  plate: string;
}

export async function vehicleHistory(pool: Pool, plate: string, now: Date): Promise<VehicleHistory> {
  const { rows } = await pool.query<{ confirmed: string; recent: string; unpaid: string; most_repeated: string | null }>(
    `WITH offences AS (
       SELECT * FROM read_models.vehicle_risk_infractions WHERE plate = $1 AND confirmed AND NOT voided
     )
     SELECT count(*) AS confirmed,
            count(*) FILTER (WHERE occurred_at > $2::timestamptz - make_interval(days => $3)) AS recent,
            count(*) FILTER (WHERE fined AND NOT paid) AS unpaid,
            (SELECT max(n) FROM (SELECT count(*) AS n FROM offences GROUP BY infraction_type) AS by_type) AS most_repeated
     FROM offences`,
    [plate, now.toISOString(), RECENT_DAYS],
  );
  const row = rows[0]!;
  return {
    confirmedOffences: Number(row.confirmed),
    recentOffences: Number(row.recent),
    mostRepeatedTypeCount: Number(row.most_repeated ?? 0),
    unpaidFines: Number(row.unpaid),
  };
}

export async function vehicleRisk(pool: Pool, plate: string, now: Date = new Date(), scorer: RiskScorer = formulaScorer): Promise<VehicleRisk> {
  return { plate, ...(await scorer.score(await vehicleHistory(pool, plate, now))) };
}
