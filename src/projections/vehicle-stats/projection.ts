// One row per plate as read by the cameras: passages, infractions, top speed, first and
// last seen.
import type { ObservationRecorded } from '../../domain/observation/events.js';
import type { InfractionDetected } from '../../domain/infraction/events.js';
import { Deltas } from '../runner/deltas.js';
import { accumulateStatement, type Columns } from '../runner/json-rows.js';
import type { Projection } from '../runner/projection.js';

const COLUMNS: Columns = {
  plate: 'text',
  observations: 'integer',
  infractions: 'integer',
  max_speed_kmh: 'double precision',
  first_seen_at: 'timestamptz',
  last_seen_at: 'timestamptz',
};

export const vehicleStatsProjection: Projection = {
  name: 'vehicle-stats',
  version: 1,
  eventTypes: ['ObservationRecorded', 'InfractionDetected'],
  publicTables: ['vehicle_stats'],
  createTables: (t) => `CREATE TABLE ${t('vehicle_stats')} (${Object.entries(COLUMNS).map(([n, type]) => `${n} ${type}`).join(', ')}, PRIMARY KEY (plate));`,
  createIndexes: (t) => `CREATE INDEX ON ${t('vehicle_stats')} (infractions DESC);`,

  async applyBatch(events, { client, table }) {
    const deltas = new Deltas(['observations', 'infractions']);
    for (const recorded of events) {
      const event = recorded as unknown as ObservationRecorded | InfractionDetected;
      const plate = event.data.plate?.text;
      if (!plate) continue;
      const at = event.type === 'ObservationRecorded' ? event.data.observedAt : event.data.occurredAt;
      const speed = event.type === 'ObservationRecorded' ? event.data.speedKmh : (event.data.speed?.measuredKmh ?? null);
      deltas.add({ plate }, event.type === 'ObservationRecorded' ? { observations: 1 } : { infractions: 1 });
      deltas.max({ plate }, 'max_speed_kmh', speed);
      deltas.min({ plate }, 'first_seen_at', at);
      deltas.max({ plate }, 'last_seen_at', at);
    }
    if (deltas.size === 0) return;
    const statement = accumulateStatement(table('vehicle_stats'), COLUMNS, ['plate'], { max: ['max_speed_kmh', 'last_seen_at'], min: ['first_seen_at'] });
    await client.query(statement, [deltas.toJSON()]);
  },
};
