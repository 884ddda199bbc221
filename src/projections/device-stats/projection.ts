// One row per camera: registration, calibration and status (since when, and when first
// seen), and what it has produced (observations, infractions, heartbeats, last fps and
// latency); and one row per camera and UTC day: time ACTIVE, STALE and other (closed status
// intervals, from the status events' times) and the day's heartbeats with their fps and
// latency sums. The still-open status interval is added at query time (queries.ts).
import type { DeviceCalibrated, DeviceRegistered, DeviceStatusChanged } from '../../domain/device/events.js';
import type { DeviceHeartbeatRecorded, ObservationRecorded } from '../../domain/observation/events.js';
import type { InfractionDetected } from '../../domain/infraction/events.js';
import type { EventMetadata } from '../../domain/shared/message.js';
import type { RecordedEvent } from '../../event-store/port.js';
import { Deltas } from '../runner/deltas.js';
import { accumulateStatement, type Columns } from '../runner/json-rows.js';
import type { Projection } from '../runner/projection.js';
import { StatusFold } from './status-fold.js';
import { utcDay } from './uptime.js';

const COLUMNS: Columns = {
  device_id: 'text',
  zone_id: 'text',
  name: 'text',
  status: 'text',
  status_since: 'timestamptz',
  first_seen_at: 'timestamptz',
  reprojection_error_m: 'double precision',
  observations: 'integer',
  infractions: 'integer',
  heartbeats: 'integer',
  // Closed status intervals since first seen (the sums of device_days), kept here so a list needs no aggregate.
  closed_active_ms: 'bigint',
  closed_stale_ms: 'bigint',
  closed_other_ms: 'bigint',
  last_heartbeat_at: 'timestamptz',
  last_fps: 'double precision',
  last_latency_ms: 'double precision',
  last_observation_at: 'timestamptz',
  last_infraction_at: 'timestamptz',
};
const LATEST = ['zone_id', 'name', 'status', 'status_since', 'reprojection_error_m', 'last_fps', 'last_latency_ms'];
const MAX = ['last_heartbeat_at', 'last_observation_at', 'last_infraction_at'];

// Times in milliseconds and fps/latency sums in thousandths: integers, so a sum is the same
// whichever events share a batch (a float sum would depend on the batching of a rebuild).
const DAY_COLUMNS: Columns = {
  device_id: 'text',
  day: 'date',
  active_ms: 'bigint',
  stale_ms: 'bigint',
  other_ms: 'bigint',
  heartbeats: 'integer',
  fps_milli_sum: 'bigint',
  latency_micro_sum: 'bigint',
};
const DAY_COUNTERS = ['active_ms', 'stale_ms', 'other_ms', 'heartbeats', 'fps_milli_sum', 'latency_micro_sum'];

type Event = (DeviceRegistered | DeviceCalibrated | DeviceStatusChanged | ObservationRecorded | DeviceHeartbeatRecorded | InfractionDetected) & { metadata: EventMetadata };

export const deviceStatsProjection: Projection = {
  name: 'device-stats',
  version: 2,
  eventTypes: ['DeviceRegistered', 'DeviceCalibrated', 'DeviceStatusChanged', 'ObservationRecorded', 'DeviceHeartbeatRecorded', 'InfractionDetected'],
  publicTables: ['device_stats', 'device_days'],
  createTables: (t) => `
    CREATE TABLE ${t('device_stats')} (${Object.entries(COLUMNS).map(([n, type]) => `${n} ${type}`).join(', ')}, PRIMARY KEY (device_id));
    CREATE TABLE ${t('device_days')} (${Object.entries(DAY_COLUMNS).map(([n, type]) => `${n} ${type} NOT NULL`).join(', ')}, PRIMARY KEY (device_id, day));`,
  createIndexes: (t) => `CREATE INDEX ON ${t('device_stats')} (zone_id);`,

  async applyBatch(events, { client, table }) {
    const deltas = new Deltas(['observations', 'infractions', 'heartbeats', 'closed_active_ms', 'closed_stale_ms', 'closed_other_ms']);
    const days = new Deltas(DAY_COUNTERS);
    const statuses = await StatusFold.load(client, table('device_stats'), events);
    // Attributes set in this batch; later events of the batch override earlier ones.
    const latest = new Map<string, Record<string, string | number | null>>();
    const set = (deviceId: string, values: Record<string, string | number | null>): void => {
      latest.set(deviceId, { ...latest.get(deviceId), ...values });
      deltas.add({ device_id: deviceId }, {});
    };
    const changeStatus = (deviceId: string, status: string, occurredAt: string): void => {
      const { closed, since } = statuses.change(deviceId, status, occurredAt);
      for (const { day, activeMs, staleMs, otherMs } of closed) {
        days.add({ device_id: deviceId, day }, { active_ms: activeMs, stale_ms: staleMs, other_ms: otherMs });
        deltas.add({ device_id: deviceId }, { closed_active_ms: activeMs, closed_stale_ms: staleMs, closed_other_ms: otherMs });
      }
      set(deviceId, { status, status_since: since });
    };
    for (const recorded of events as readonly RecordedEvent[]) {
      const event = recorded as unknown as Event;
      const id = { device_id: event.data.deviceId };
      switch (event.type) {
        case 'DeviceRegistered':
          set(event.data.deviceId, { zone_id: event.data.zoneId, name: event.data.name });
          changeStatus(event.data.deviceId, 'ACTIVE', event.metadata.occurredAt);
          deltas.min(id, 'first_seen_at', new Date(event.metadata.occurredAt).toISOString());
          break;
        case 'DeviceCalibrated':
          set(event.data.deviceId, { reprojection_error_m: event.data.reprojectionErrorMetres });
          break;
        case 'DeviceStatusChanged':
          changeStatus(event.data.deviceId, event.data.status, event.metadata.occurredAt);
          break;
        case 'ObservationRecorded':
          deltas.add(id, { observations: 1 });
          deltas.max(id, 'last_observation_at', event.data.observedAt);
          break;
        case 'DeviceHeartbeatRecorded':
          deltas.add(id, { heartbeats: 1 });
          deltas.max(id, 'last_heartbeat_at', event.data.at);
          set(event.data.deviceId, { last_fps: event.data.fps, last_latency_ms: event.data.latencyMs });
          days.add(
            { device_id: event.data.deviceId, day: utcDay(Date.parse(event.data.at)) },
            { heartbeats: 1, fps_milli_sum: Math.round(event.data.fps * 1000), latency_micro_sum: Math.round(event.data.latencyMs * 1000) },
          );
          break;
        case 'InfractionDetected':
          deltas.add(id, { infractions: 1 });
          deltas.max(id, 'last_infraction_at', event.data.occurredAt);
          break;
      }
    }
    const rows = JSON.parse(deltas.toJSON()) as Record<string, unknown>[];
    const merged = rows.map((row) => ({ ...row, ...latest.get(row.device_id as string) }));
    await client.query(accumulateStatement(table('device_stats'), COLUMNS, ['device_id'], { latest: LATEST, max: MAX, min: ['first_seen_at'] }), [JSON.stringify(merged)]);
    if (days.size > 0) await client.query(accumulateStatement(table('device_days'), DAY_COLUMNS, ['device_id', 'day']), [days.toJSON()]);
  },
};
