// Devices as the operations screens list them.
import type { Pool } from 'pg';

export interface DeviceStats {
  deviceId: string;
  zoneId: string | null;
  name: string | null;
  status: string | null;
  reprojectionErrorM: number | null;
  observations: number;
  infractions: number;
  heartbeats: number;
  lastHeartbeatAt: Date | null;
  lastFps: number | null;
  lastLatencyMs: number | null;
  lastObservationAt: Date | null;
  lastInfractionAt: Date | null;
}

const SELECT = `SELECT device_id AS "deviceId", zone_id AS "zoneId", name, status, reprojection_error_m AS "reprojectionErrorM",
  observations, infractions, heartbeats, last_heartbeat_at AS "lastHeartbeatAt", last_fps AS "lastFps",
  last_latency_ms AS "lastLatencyMs", last_observation_at AS "lastObservationAt", last_infraction_at AS "lastInfractionAt"
  FROM read_models.device_stats`;

export async function listDevices(pool: Pool, filter: { zoneId?: string } = {}): Promise<DeviceStats[]> {
  const { rows } = await pool.query<DeviceStats>(`${SELECT} WHERE ($1::text IS NULL OR zone_id = $1) ORDER BY device_id`, [filter.zoneId ?? null]);
  return rows;
}

export async function findDevice(pool: Pool, deviceId: string): Promise<DeviceStats | null> {
  const { rows } = await pool.query<DeviceStats>(`${SELECT} WHERE device_id = $1`, [deviceId]);
  return rows[0] ?? null;
}
