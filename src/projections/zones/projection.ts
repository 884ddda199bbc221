// Zones as the configuration screens and the API list them: limit, jurisdiction, lanes,
// stop line and signal source, the latest of each.
import type { RecordedEvent } from '../../event-store/port.js';
import type { ZoneEvent } from '../../domain/zone/events.js';
import type { Projection, ProjectionContext } from '../runner/projection.js';
import { assertNever } from '../../domain/shared/actor.js';

const EVENT_TYPES = ['ZoneRegistered', 'ZoneSpeedLimitSet', 'ZoneLanesSet', 'ZoneStopLineSet', 'ZoneSignalSourceSet'] as const;

export const zonesProjection: Projection = {
  name: 'zones',
  version: 1,
  eventTypes: EVENT_TYPES,
  publicTables: ['zones'],
  createTables: (table) => `
    CREATE TABLE ${table('zones')} (
      zone_id text PRIMARY KEY,
      name text NOT NULL,
      speed_limit_kmh double precision NOT NULL,
      jurisdiction text NOT NULL,
      lanes jsonb NOT NULL DEFAULT '[]',
      stop_line jsonb,
      signal_source jsonb,
      updated_at timestamptz NOT NULL
    );`,
  createIndexes: () => '',
  async applyBatch(events: readonly RecordedEvent[], { client, table }: ProjectionContext) {
    // Zone events are rare: one statement each keeps every handler obvious.
    for (const recorded of events) {
      const event = recorded as unknown as ZoneEvent & { recordedAt: Date };
      const at = recorded.recordedAt;
      switch (event.type) {
        case 'ZoneRegistered':
          await client.query(
            `INSERT INTO ${table('zones')} (zone_id, name, speed_limit_kmh, jurisdiction, updated_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (zone_id) DO UPDATE SET name = EXCLUDED.name, speed_limit_kmh = EXCLUDED.speed_limit_kmh,
               jurisdiction = EXCLUDED.jurisdiction, updated_at = EXCLUDED.updated_at`,
            [event.data.zoneId, event.data.name, event.data.speedLimitKmh, event.data.jurisdiction, at],
          );
          break;
        case 'ZoneSpeedLimitSet':
          await client.query(`UPDATE ${table('zones')} SET speed_limit_kmh = $2, updated_at = $3 WHERE zone_id = $1`, [event.data.zoneId, event.data.speedLimitKmh, at]);
          break;
        case 'ZoneLanesSet':
          await client.query(`UPDATE ${table('zones')} SET lanes = $2, updated_at = $3 WHERE zone_id = $1`, [event.data.zoneId, JSON.stringify(event.data.lanes), at]);
          break;
        case 'ZoneStopLineSet':
          await client.query(`UPDATE ${table('zones')} SET stop_line = $2, updated_at = $3 WHERE zone_id = $1`, [event.data.zoneId, JSON.stringify(event.data.stopLine), at]);
          break;
        case 'ZoneSignalSourceSet':
          await client.query(`UPDATE ${table('zones')} SET signal_source = $2, updated_at = $3 WHERE zone_id = $1`, [event.data.zoneId, JSON.stringify(event.data.signalSource), at]);
          break;
        default:
          assertNever(event);
      }
    }
  },
};
