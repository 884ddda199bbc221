// A vehicle's record by plate, and the vehicles with the most infractions.
import type { Pool } from 'pg';

export interface VehicleStats {
  plate: string;
  observations: number;
  infractions: number;
  maxSpeedKmh: number | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

const SELECT = `SELECT plate, observations, infractions, max_speed_kmh AS "maxSpeedKmh", first_seen_at AS "firstSeenAt",
  last_seen_at AS "lastSeenAt" FROM read_models.vehicle_stats`;

export async function findVehicle(pool: Pool, plate: string): Promise<VehicleStats | null> {
  const { rows } = await pool.query<VehicleStats>(`${SELECT} WHERE plate = $1`, [plate]);
  return rows[0] ?? null;
}

export async function mostInfringingVehicles(pool: Pool, limit = 10): Promise<VehicleStats[]> {
  const { rows } = await pool.query<VehicleStats>(`${SELECT} ORDER BY infractions DESC, plate LIMIT $1`, [Math.min(Math.max(1, limit), 100)]);
  return rows;
}
