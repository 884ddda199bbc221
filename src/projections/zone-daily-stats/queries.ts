// Reports over zone_daily_stats: totals by zone, day and type, and the hourly profile.
import type { Pool } from 'pg';

export interface DailyCounts {
  detected: number;
  validated: number;
  rejected: number;
  fined: number;
  finesMinor: number;
}

export interface DailyReportRow extends DailyCounts {
  zoneId: string;
  day: string;
  infractionType: string;
}

export interface HourlyRow extends DailyCounts {
  hour: number;
}

const SUMS = `sum(detected)::int AS detected, sum(validated)::int AS validated, sum(rejected)::int AS rejected,
  sum(fined)::int AS fined, sum(fines_minor)::float8 AS "finesMinor"`;

/** Days are UTC dates (YYYY-MM-DD), both bounds inclusive. */
export async function dailyReport(pool: Pool, range: { from: string; to: string; zoneId?: string }): Promise<DailyReportRow[]> {
  const { rows } = await pool.query<DailyReportRow>(
    `SELECT zone_id AS "zoneId", to_char(day, 'YYYY-MM-DD') AS day, infraction_type AS "infractionType", ${SUMS}
       FROM read_models.zone_daily_stats
      WHERE day BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR zone_id = $3)
      GROUP BY zone_id, day, infraction_type ORDER BY day, zone_id, infraction_type`,
    [range.from, range.to, range.zoneId ?? null],
  );
  return rows;
}

export async function hourlyProfile(pool: Pool, range: { zoneId: string; from: string; to: string; infractionType?: string }): Promise<HourlyRow[]> {
  const { rows } = await pool.query<HourlyRow>(
    `SELECT hour, ${SUMS} FROM read_models.zone_daily_stats
      WHERE zone_id = $1 AND day BETWEEN $2::date AND $3::date AND ($4::text IS NULL OR infraction_type = $4)
      GROUP BY hour ORDER BY hour`,
    [range.zoneId, range.from, range.to, range.infractionType ?? null],
  );
  return rows;
}
