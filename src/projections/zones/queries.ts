// The zones read model as the API serves it.
import type { Pool } from 'pg';
import type { Lane, SignalSource } from '../../domain/zone/events.js';
import type { Segment } from '../../domain/shared/geometry.js';

export interface ZoneView {
  zoneId: string;
  name: string;
  speedLimitKmh: number;
  jurisdiction: string;
  lanes: Lane[];
  stopLine: Segment | null;
  signalSource: SignalSource | null;
  updatedAt: Date;
}

export async function listZones(pool: Pool): Promise<ZoneView[]> {
  const { rows } = await pool.query<ZoneView>(
    `SELECT zone_id AS "zoneId", name, speed_limit_kmh AS "speedLimitKmh", jurisdiction, lanes,
       stop_line AS "stopLine", signal_source AS "signalSource", updated_at AS "updatedAt"
     FROM read_models.zones ORDER BY zone_id`,
  );
  return rows;
}
