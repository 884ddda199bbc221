// The status part of a device-stats batch: where each device's status stood before the
// batch (read once, inside the batch's transaction), then every status event folded in
// log order, closing intervals into per-day time (uptime.ts) from the events' own times.
import type { PoolClient } from 'pg';
import type { RecordedEvent } from '../../event-store/port.js';
import { changeStatus, type DayStatusTime, type OpenStatus } from './uptime.js';

export class StatusFold {
  private constructor(private readonly open: Map<string, OpenStatus>) {}

  /** Loads the open status of every device a status event of `events` names. */
  static async load(client: PoolClient, deviceStats: string, events: readonly RecordedEvent[]): Promise<StatusFold> {
    const ids = [
      ...new Set(
        events.filter((event) => event.type === 'DeviceRegistered' || event.type === 'DeviceStatusChanged').map((event) => (event.data as { deviceId: string }).deviceId),
      ),
    ];
    const open = new Map<string, OpenStatus>();
    if (ids.length === 0) return new StatusFold(open);
    const { rows } = await client.query<{ device_id: string; status: string | null; status_since: Date | null }>(
      `SELECT device_id, status, status_since FROM ${deviceStats} WHERE device_id = ANY($1::text[])`,
      [ids],
    );
    for (const row of rows) if (row.status && row.status_since) open.set(row.device_id, { status: row.status, sinceMs: row.status_since.getTime() });
    return new StatusFold(open);
  }

  /** The device is `status` from `occurredAt` on; returns the time this closes, by day, and the new status's start. */
  change(deviceId: string, status: string, occurredAt: string): { closed: DayStatusTime[]; since: string } {
    const { open, closed } = changeStatus(this.open.get(deviceId) ?? null, status, Date.parse(occurredAt));
    this.open.set(deviceId, open);
    return { closed, since: new Date(open.sinceMs).toISOString() };
  }
}
