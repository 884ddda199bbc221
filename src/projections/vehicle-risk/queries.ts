// A vehicle's risk, scored from its confirmed offences as the read model holds them.
import type { Pool } from 'pg';
import { RECENT_DAYS, riskScore, type RiskScore } from './risk-score.js';

export interface VehicleRisk extends RiskScore {
  plate: string;
}

export async function vehicleRisk(pool: Pool, plate: string, now: Date = new Date()): Promise<VehicleRisk> {
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
    plate,
    ...riskScore({
      confirmedOffences: Number(row.confirmed),
      recentOffences: Number(row.recent),
      mostRepeatedTypeCount: Number(row.most_repeated ?? 0),
      unpaidFines: Number(row.unpaid),
    }),
  };
}
