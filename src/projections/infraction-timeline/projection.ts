// One row per event of an infraction, for the history view: what happened, who did it,
// why, when, at which revision, and the event's chained hash for verification.
import { INFRACTION_EVENT_TYPES } from '../../domain/infraction/events.js';
import { actorId } from '../../domain/shared/actor.js';
import { formatPosition, type RecordedEvent } from '../../event-store/port.js';
import { recordset, type Columns } from '../runner/json-rows.js';
import type { Projection } from '../runner/projection.js';

const COLUMNS: Columns = {
  infraction_id: 'text',
  revision: 'integer',
  event_id: 'text',
  event_type: 'text',
  actor: 'text',
  actor_role: 'text',
  reason: 'text',
  note: 'text',
  occurred_at: 'timestamptz',
  recorded_at: 'timestamptz',
  position: 'text',
  hash: 'text',
};

interface Explained {
  infractionId: string;
  reason?: string | null;
  note?: string | null;
  grounds?: string | null;
}

function timelineRow(event: RecordedEvent): Record<string, unknown> {
  // Only the why is copied: owner data (encrypted) and evidence stay in the event store.
  const data = event.data as Explained;
  const actor = event.metadata.actor;
  return {
    infraction_id: data.infractionId,
    revision: event.revision,
    event_id: event.metadata.eventId,
    event_type: event.type,
    actor: actorId(actor),
    actor_role: actor.kind === 'user' ? actor.role : actor.kind,
    reason: data.reason ?? data.grounds ?? null,
    note: data.note ?? null,
    occurred_at: event.metadata.occurredAt,
    recorded_at: event.recordedAt,
    position: formatPosition(event.position),
    hash: event.hash,
  };
}

export const infractionTimelineProjection: Projection = {
  name: 'infraction-timeline',
  version: 1,
  eventTypes: INFRACTION_EVENT_TYPES,
  publicTables: ['infraction_timeline'],
  createTables: (t) => `
    CREATE TABLE ${t('infraction_timeline')} (
      ${Object.entries(COLUMNS).map(([name, type]) => `${name} ${type}`).join(', ')},
      PRIMARY KEY (infraction_id, revision)
    );`,
  createIndexes: (t) => `CREATE INDEX ON ${t('infraction_timeline')} (actor, occurred_at);`,
  async applyBatch(events, { client, table }) {
    const names = Object.keys(COLUMNS).join(', ');
    await client.query(
      `INSERT INTO ${table('infraction_timeline')} (${names}) SELECT ${names} FROM ${recordset(COLUMNS)} ON CONFLICT DO NOTHING`,
      [JSON.stringify(events.map(timelineRow))],
    );
  },
};
