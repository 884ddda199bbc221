// Infractions per zone, UTC day, type and hour: detected, validated, rejected, fined and
// fine amounts. Decisions count in the slot of the infraction's detection, which a
// private look-up table remembers.
import type { InfractionDetected, InfractionType } from '../../domain/infraction/events.js';
import type { RecordedEvent } from '../../event-store/port.js';
import { Deltas, dayAndHour } from '../runner/deltas.js';
import { accumulateStatement, recordset, type Columns } from '../runner/json-rows.js';
import type { Projection } from '../runner/projection.js';

const STATS: Columns = {
  zone_id: 'text',
  day: 'date',
  infraction_type: 'text',
  hour: 'smallint',
  detected: 'integer',
  validated: 'integer',
  rejected: 'integer',
  fined: 'integer',
  fines_minor: 'bigint',
};
const KEY = ['zone_id', 'day', 'infraction_type', 'hour'];
const SLOT: Columns = { infraction_id: 'text', zone_id: 'text', day: 'date', infraction_type: 'text', hour: 'smallint' };

type Slot = {
  zone_id: string;
  day: string;
  infraction_type: InfractionType;
  hour: number;
};

const idOf = (event: RecordedEvent): string => (event.data as { infractionId: string }).infractionId;

export const zoneDailyStatsProjection: Projection = {
  name: 'zone-daily-stats',
  version: 1,
  eventTypes: ['InfractionDetected', 'InfractionValidated', 'InfractionRejected', 'FineIssued'],
  publicTables: ['zone_daily_stats'],
  createTables: (t) => `
    CREATE TABLE ${t('zone_daily_stats')} (${Object.entries(STATS).map(([n, type]) => `${n} ${type} NOT NULL`).join(', ')}, PRIMARY KEY (${KEY.join(', ')}));
    CREATE TABLE ${t('infraction_slots')} (${Object.entries(SLOT).map(([n, type]) => `${n} ${type} NOT NULL`).join(', ')}, PRIMARY KEY (infraction_id));`,
  createIndexes: (t) => `CREATE INDEX ON ${t('zone_daily_stats')} (day, zone_id);`,

  async applyBatch(events, { client, table }) {
    const slots = new Map<string, Slot>();
    const detected: (Slot & { infraction_id: string })[] = [];
    for (const event of events) {
      if (event.type !== 'InfractionDetected') continue;
      const d = (event as unknown as InfractionDetected).data;
      const slot = { zone_id: d.zoneId, infraction_type: d.infractionType, ...dayAndHour(d.occurredAt) };
      slots.set(d.infractionId, slot);
      detected.push({ infraction_id: d.infractionId, ...slot });
    }
    const earlier = [...new Set(events.map(idOf).filter((id) => !slots.has(id)))];
    if (earlier.length > 0) {
      const { rows } = await client.query<Slot & { infraction_id: string }>(
        `SELECT infraction_id, zone_id, to_char(day, 'YYYY-MM-DD') AS day, infraction_type, hour FROM ${table('infraction_slots')} WHERE infraction_id = ANY($1::text[])`,
        [earlier],
      );
      for (const { infraction_id, ...slot } of rows) slots.set(infraction_id, slot);
    }
    const deltas = new Deltas(['detected', 'validated', 'rejected', 'fined', 'fines_minor']);
    for (const event of events) {
      const slot = slots.get(idOf(event));
      if (!slot) continue;
      if (event.type === 'InfractionDetected') deltas.add(slot, { detected: 1 });
      else if (event.type === 'InfractionValidated') deltas.add(slot, { validated: 1 });
      else if (event.type === 'InfractionRejected') deltas.add(slot, { rejected: 1 });
      else if (event.type === 'FineIssued') deltas.add(slot, { fined: 1, fines_minor: (event.data as { amount: { amountMinor: number } }).amount.amountMinor });
    }
    if (detected.length > 0) {
      const names = Object.keys(SLOT).join(', ');
      await client.query(`INSERT INTO ${table('infraction_slots')} (${names}) SELECT ${names} FROM ${recordset(SLOT)} ON CONFLICT DO NOTHING`, [
        JSON.stringify(detected),
      ]);
    }
    if (deltas.size > 0) await client.query(accumulateStatement(table('zone_daily_stats'), STATS, KEY), [deltas.toJSON()]);
  },
};
