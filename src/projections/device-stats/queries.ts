// Devices as the operations screens list them, with their uptime up to a given instant
// (the still-open status interval is closed at `now`, which the caller decides).
import type { Pool } from 'pg';
import { addTime, dayStart, openTime, openTimeOnDay, utcDay, type OpenStatus, type StatusTime } from './uptime.js';

export interface DeviceStats {
  deviceId: string;
  zoneId: string | null;
  name: string | null;
  status: string | null;
  statusSince: Date | null;
  firstSeenAt: Date | null;
  reprojectionErrorM: number | null;
  observations: number;
  infractions: number;
  heartbeats: number;
  lastHeartbeatAt: Date | null;
  lastFps: number | null;
  lastLatencyMs: number | null;
  lastObservationAt: Date | null;
  lastInfractionAt: Date | null;
  /** Since first seen, up to `now`. */
  uptime: StatusTime;
}

type Row = Omit<DeviceStats, 'uptime'> & { closedActiveMs: string; closedStaleMs: string; closedOtherMs: string };

const SELECT = `SELECT device_id AS "deviceId", zone_id AS "zoneId", name, status, status_since AS "statusSince", first_seen_at AS "firstSeenAt",
  reprojection_error_m AS "reprojectionErrorM", observations, infractions, heartbeats, last_heartbeat_at AS "lastHeartbeatAt", last_fps AS "lastFps",
  last_latency_ms AS "lastLatencyMs", last_observation_at AS "lastObservationAt", last_infraction_at AS "lastInfractionAt",
  closed_active_ms AS "closedActiveMs", closed_stale_ms AS "closedStaleMs", closed_other_ms AS "closedOtherMs"
  FROM read_models.device_stats`;

const openOf = (row: { status: string | null; statusSince: Date | null }): OpenStatus | null =>
  row.status && row.statusSince ? { status: row.status, sinceMs: row.statusSince.getTime() } : null;

function withUptime({ closedActiveMs, closedStaleMs, closedOtherMs, ...row }: Row, now: Date): DeviceStats {
  const closed = { activeMs: Number(closedActiveMs), staleMs: Number(closedStaleMs), otherMs: Number(closedOtherMs) };
  return { ...row, uptime: addTime(closed, openTime(openOf(row), now.getTime())) };
}

export async function listDevices(pool: Pool, filter: { zoneId?: string } = {}, now: Date = new Date()): Promise<DeviceStats[]> {
  const { rows } = await pool.query<Row>(`${SELECT} WHERE ($1::text IS NULL OR zone_id = $1) ORDER BY device_id`, [filter.zoneId ?? null]);
  return rows.map((row) => withUptime(row, now));
}

export async function findDevice(pool: Pool, deviceId: string, now: Date = new Date()): Promise<DeviceStats | null> {
  const { rows } = await pool.query<Row>(`${SELECT} WHERE device_id = $1`, [deviceId]);
  return rows[0] ? withUptime(rows[0], now) : null;
}

export interface DeviceDay {
  day: string;
  uptime: StatusTime;
  heartbeats: number;
  meanFps: number | null;
  meanLatencyMs: number | null;
}

/**
 * Each UTC day of [from, to] (inclusive, YYYY-MM-DD) the device existed, up to `now`'s day:
 * its status time, the open interval's share included, and its heartbeats' means.
 */
export async function deviceDays(pool: Pool, deviceId: string, range: { from: string; to: string }, now: Date = new Date()): Promise<DeviceDay[]> {
  const device = await findDevice(pool, deviceId, now);
  if (!device?.firstSeenAt) return [];
  const { rows } = await pool.query<{ day: string; active_ms: string; stale_ms: string; other_ms: string; heartbeats: number; fps_milli_sum: string; latency_micro_sum: string }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, active_ms, stale_ms, other_ms, heartbeats, fps_milli_sum, latency_micro_sum
     FROM read_models.device_days WHERE device_id = $1 AND day BETWEEN $2::date AND $3::date`,
    [deviceId, range.from, range.to],
  );
  const stored = new Map(rows.map((row) => [row.day, row]));
  const open = openOf(device);
  const first = [range.from, utcDay(device.firstSeenAt.getTime())].sort()[1]!;
  const last = [range.to, utcDay(now.getTime())].sort()[0]!;
  const result: DeviceDay[] = [];
  for (let day = first; day <= last; day = utcDay(dayStart(day) + 86_400_000)) {
    const row = stored.get(day);
    const closed = row ? { activeMs: Number(row.active_ms), staleMs: Number(row.stale_ms), otherMs: Number(row.other_ms) } : { activeMs: 0, staleMs: 0, otherMs: 0 };
    const heartbeats = row?.heartbeats ?? 0;
    result.push({
      day,
      uptime: addTime(closed, openTimeOnDay(open, day, now.getTime())),
      heartbeats,
      meanFps: heartbeats ? Number(row!.fps_milli_sum) / heartbeats / 1000 : null,
      meanLatencyMs: heartbeats ? Number(row!.latency_micro_sum) / heartbeats / 1000 : null,
    });
  }
  return result;
}
