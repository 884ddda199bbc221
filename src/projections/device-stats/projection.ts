// One row per camera: registration, calibration and status, and what it has produced
// (observations, infractions, heartbeats, last fps and latency).
import type { DeviceCalibrated, DeviceRegistered, DeviceStatusChanged } from '../../domain/device/events.js';
import type { DeviceHeartbeatRecorded, ObservationRecorded } from '../../domain/observation/events.js';
import type { InfractionDetected } from '../../domain/infraction/events.js';
import type { RecordedEvent } from '../../event-store/port.js';
import { Deltas } from '../runner/deltas.js';
import { accumulateStatement, type Columns } from '../runner/json-rows.js';
import type { Projection } from '../runner/projection.js';

const COLUMNS: Columns = {
  device_id: 'text',
  zone_id: 'text',
  name: 'text',
  status: 'text',
  reprojection_error_m: 'double precision',
  observations: 'integer',
  infractions: 'integer',
  heartbeats: 'integer',
  last_heartbeat_at: 'timestamptz',
  last_fps: 'double precision',
  last_latency_ms: 'double precision',
  last_observation_at: 'timestamptz',
  last_infraction_at: 'timestamptz',
};
const LATEST = ['zone_id', 'name', 'status', 'reprojection_error_m', 'last_fps', 'last_latency_ms'];
const MAX = ['last_heartbeat_at', 'last_observation_at', 'last_infraction_at'];

type Event = DeviceRegistered | DeviceCalibrated | DeviceStatusChanged | ObservationRecorded | DeviceHeartbeatRecorded | InfractionDetected;

export const deviceStatsProjection: Projection = {
  name: 'device-stats',
  version: 1,
  eventTypes: ['DeviceRegistered', 'DeviceCalibrated', 'DeviceStatusChanged', 'ObservationRecorded', 'DeviceHeartbeatRecorded', 'InfractionDetected'],
  publicTables: ['device_stats'],
  createTables: (t) => `CREATE TABLE ${t('device_stats')} (${Object.entries(COLUMNS).map(([n, type]) => `${n} ${type}`).join(', ')}, PRIMARY KEY (device_id));`,
  createIndexes: (t) => `CREATE INDEX ON ${t('device_stats')} (zone_id);`,

  async applyBatch(events, { client, table }) {
    const deltas = new Deltas(['observations', 'infractions', 'heartbeats']);
    // Attributes set in this batch; later events of the batch override earlier ones.
    const latest = new Map<string, Record<string, string | number | null>>();
    const set = (deviceId: string, values: Record<string, string | number | null>): void => {
      latest.set(deviceId, { ...latest.get(deviceId), ...values });
      deltas.add({ device_id: deviceId }, {});
    };
    for (const recorded of events as readonly RecordedEvent[]) {
      const event = recorded as unknown as Event;
      const id = { device_id: event.data.deviceId };
      switch (event.type) {
        case 'DeviceRegistered':
          set(event.data.deviceId, { zone_id: event.data.zoneId, name: event.data.name, status: 'ACTIVE' });
          break;
        case 'DeviceCalibrated':
          set(event.data.deviceId, { reprojection_error_m: event.data.reprojectionErrorMetres });
          break;
        case 'DeviceStatusChanged':
          set(event.data.deviceId, { status: event.data.status });
          break;
        case 'ObservationRecorded':
          deltas.add(id, { observations: 1 });
          deltas.max(id, 'last_observation_at', event.data.observedAt);
          break;
        case 'DeviceHeartbeatRecorded':
          deltas.add(id, { heartbeats: 1 });
          deltas.max(id, 'last_heartbeat_at', event.data.at);
          set(event.data.deviceId, { last_fps: event.data.fps, last_latency_ms: event.data.latencyMs });
          break;
        case 'InfractionDetected':
          deltas.add(id, { infractions: 1 });
          deltas.max(id, 'last_infraction_at', event.data.occurredAt);
          break;
      }
    }
    const rows = JSON.parse(deltas.toJSON()) as Record<string, unknown>[];
    const merged = rows.map((row) => ({ ...row, ...latest.get(row.device_id as string) }));
    await client.query(accumulateStatement(table('device_stats'), COLUMNS, ['device_id'], { latest: LATEST, max: MAX }), [JSON.stringify(merged)]);
  },
};
