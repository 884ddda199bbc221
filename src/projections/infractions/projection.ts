// The infractions read model: the review queue and the search (status, type, zone,
// device, plate, time range) with keyset pagination.
import { INFRACTION_EVENT_TYPES } from '../../domain/infraction/events.js';
import { upsertStatement } from '../runner/json-rows.js';
import type { Projection } from '../runner/projection.js';
import { applyEvent, INFRACTION_COLUMNS, type InfractionRow } from './row.js';

export const infractionsProjection: Projection = {
  name: 'infractions',
  version: 1,
  eventTypes: INFRACTION_EVENT_TYPES,
  publicTables: ['infractions'],
  createTables: (t) => `
    CREATE TABLE ${t('infractions')} (
      ${Object.entries(INFRACTION_COLUMNS).map(([name, type]) => `${name} ${type}`).join(',\n      ')},
      PRIMARY KEY (infraction_id)
    );`,
  createIndexes: (t) => `
    CREATE INDEX ON ${t('infractions')} (occurred_at DESC, infraction_id DESC);
    CREATE INDEX ON ${t('infractions')} (status, occurred_at DESC, infraction_id DESC);
    CREATE INDEX ON ${t('infractions')} (status, review_deadline, infraction_id);
    CREATE INDEX ON ${t('infractions')} (infraction_type, occurred_at DESC);
    CREATE INDEX ON ${t('infractions')} (zone_id, occurred_at DESC);
    CREATE INDEX ON ${t('infractions')} (device_id, occurred_at DESC);
    CREATE INDEX ON ${t('infractions')} (plate, occurred_at DESC);`,

  async applyBatch(events, { client, table }) {
    const idOf = (event: (typeof events)[number]): string => (event.data as { infractionId: string }).infractionId;
    // Infractions whose first event in this batch is not their detection were stored earlier.
    const firstType = new Map<string, string>();
    for (const event of events) if (!firstType.has(idOf(event))) firstType.set(idOf(event), event.type);
    const earlier = [...firstType].filter(([, type]) => type !== 'InfractionDetected').map(([id]) => id);
    const current = new Map<string, InfractionRow | null>();
    if (earlier.length > 0) {
      // Timestamps come back as Date and bigints as text: both serialise back to what the upsert reads.
      const { rows } = await client.query<InfractionRow>(`SELECT * FROM ${table('infractions')} WHERE infraction_id = ANY($1::text[])`, [earlier]);
      for (const row of rows) current.set(row.infraction_id, row);
    }
    for (const event of events) current.set(idOf(event), applyEvent(current.get(idOf(event)) ?? null, event));
    const changed = [...current.values()].filter((row): row is InfractionRow => row !== null);
    if (changed.length === 0) return;
    await client.query(upsertStatement(table('infractions'), INFRACTION_COLUMNS, ['infraction_id']), [JSON.stringify(changed)]);
  },
};
