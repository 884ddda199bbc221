// Infractions and fines per plate and month, for the top-violators report. A corrected
// plate moves the infraction (and its fine) to the corrected plate; a private look-up
// remembers each infraction's plate and month.
import type { RecordedEvent } from '../../event-store/port.js';
import { Deltas } from '../runner/deltas.js';
import { accumulateStatement, upsertStatement, type Columns } from '../runner/json-rows.js';
import type { Projection } from '../runner/projection.js';

const COUNTS: Columns = { plate: 'text', month: 'date', infractions: 'integer', fined: 'integer', fines_minor: 'bigint' };
const PLATES: Columns = { infraction_id: 'text', plate: 'text', month: 'date', fine_minor: 'bigint' };

interface Tracked {
  plate: string | null;
  month: string;
  fine_minor: number;
}

interface Data {
  infractionId: string;
  occurredAt?: string;
  plate?: { text: string } | string | null;
  amount?: { amountMinor: number };
}

export const topViolatorsProjection: Projection = {
  name: 'top-violators',
  version: 1,
  eventTypes: ['InfractionDetected', 'PlateConfirmed', 'PlateCorrected', 'FineIssued'],
  publicTables: ['violator_months'],
  createTables: (t) => `
    CREATE TABLE ${t('violator_months')} (${Object.entries(COUNTS).map(([n, type]) => `${n} ${type} NOT NULL`).join(', ')}, PRIMARY KEY (plate, month));
    CREATE TABLE ${t('infraction_plates')} (infraction_id text PRIMARY KEY, plate text, month date NOT NULL, fine_minor bigint NOT NULL);`,
  createIndexes: (t) => `CREATE INDEX ON ${t('violator_months')} (month, infractions DESC);`,

  async applyBatch(events, { client, table }) {
    const tracked = new Map<string, Tracked>();
    const idOf = (event: RecordedEvent): string => (event.data as Data).infractionId;
    const earlier = [...new Set(events.filter((e) => e.type !== 'InfractionDetected').map(idOf))];
    if (earlier.length > 0) {
      const { rows } = await client.query<Tracked & { infraction_id: string }>(
        `SELECT infraction_id, plate, to_char(month, 'YYYY-MM-DD') AS month, fine_minor::float8 AS fine_minor
           FROM ${table('infraction_plates')} WHERE infraction_id = ANY($1::text[])`,
        [earlier],
      );
      for (const { infraction_id, ...row } of rows) tracked.set(infraction_id, row);
    }
    const deltas = new Deltas(['infractions', 'fined', 'fines_minor']);
    const count = (t: Tracked, sign: 1 | -1): void => {
      if (t.plate !== null) deltas.add({ plate: t.plate, month: t.month }, { infractions: sign, fined: t.fine_minor > 0 ? sign : 0, fines_minor: sign * t.fine_minor });
    };
    const changed = new Set<string>();
    for (const event of events) {
      const data = event.data as Data;
      const id = data.infractionId;
      const current = tracked.get(id);
      if (event.type === 'InfractionDetected') {
        const plate = typeof data.plate === 'object' && data.plate !== null ? data.plate.text : null;
        const next = { plate, month: `${data.occurredAt!.slice(0, 7)}-01`, fine_minor: 0 };
        tracked.set(id, next);
        count(next, 1);
      } else if (current && (event.type === 'PlateCorrected' || event.type === 'PlateConfirmed')) {
        count(current, -1);
        const next = { ...current, plate: data.plate as string };
        tracked.set(id, next);
        count(next, 1);
      } else if (current && event.type === 'FineIssued') {
        count(current, -1);
        const next = { ...current, fine_minor: data.amount!.amountMinor };
        tracked.set(id, next);
        count(next, 1);
      } else continue;
      changed.add(id);
    }
    if (changed.size === 0) return;
    const rows = [...changed].map((id) => ({ infraction_id: id, ...tracked.get(id)! }));
    await client.query(upsertStatement(table('infraction_plates'), PLATES, ['infraction_id']), [JSON.stringify(rows)]);
    if (deltas.size > 0) await client.query(accumulateStatement(table('violator_months'), COUNTS, ['plate', 'month']), [deltas.toJSON()]);
  },
};
