// The infractions read model: the review queue and the search (status, type, zone,
// device, plate, time range) with keyset pagination.
import { INFRACTION_EVENT_TYPES } from '../../domain/infraction/events.js';
import type { RecordedEvent } from '../../event-store/port.js';
import { patchStatement, upsertStatement } from '../runner/json-rows.js';
import type { Projection } from '../runner/projection.js';
import { changesOf, detectedRow, INFRACTION_COLUMNS, type InfractionChanges, type InfractionRow } from './row.js';

const idOf = (event: RecordedEvent): string => (event.data as { infractionId: string }).infractionId;

/**
 * A batch folded per infraction: whole rows for those detected in it, and the changes of
 * those stored earlier (written without being read back; a patch for an infraction never
 * detected finds no row and changes nothing).
 */
export function foldBatch(events: readonly RecordedEvent[]): { created: Map<string, InfractionRow>; patches: Map<string, InfractionChanges> } {
  const created = new Map<string, InfractionRow>();
  const patches = new Map<string, InfractionChanges>();
  for (const event of events) {
    const id = idOf(event);
    if (event.type === 'InfractionDetected') {
      patches.delete(id);
      created.set(id, detectedRow(event));
      continue;
    }
    const target = created.get(id) ?? patches.get(id);
    if (target) Object.assign(target, changesOf(event));
    else patches.set(id, { infraction_id: id, ...changesOf(event) });
  }
  return { created, patches };
}

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
    const { created, patches } = foldBatch(events);
    if (created.size > 0) {
      await client.query(upsertStatement(table('infractions'), INFRACTION_COLUMNS, ['infraction_id']), [JSON.stringify([...created.values()])]);
    }
    if (patches.size > 0) {
      await client.query(patchStatement(table('infractions'), INFRACTION_COLUMNS, ['infraction_id']), [JSON.stringify([...patches.values()])]);
    }
  },
};
