// One row per fine: amount and schedule version at issue, then paid, or cancelled by an
// accepted appeal or an administrator. The ledger report sums it by schedule version.
import type { AppealResolved, FineIssued, InfractionCancelled, PaymentRecorded } from '../../domain/infraction/events.js';
import type { RecordedEvent } from '../../event-store/port.js';
import { upsertStatement, type Columns } from '../runner/json-rows.js';
import type { Projection } from '../runner/projection.js';

const COLUMNS: Columns = {
  infraction_id: 'text',
  schedule_version: 'integer',
  currency: 'text',
  amount_minor: 'bigint',
  issued_at: 'timestamptz',
  issued_by: 'text',
  state: 'text',
  paid_minor: 'bigint',
  paid_at: 'timestamptz',
  cancelled_at: 'timestamptz',
};

interface FineRow {
  infraction_id: string;
  schedule_version: number;
  currency: string;
  amount_minor: number | string;
  issued_at: string | Date;
  issued_by: string;
  state: 'OUTSTANDING' | 'PAID' | 'CANCELLED';
  paid_minor: number | string;
  paid_at: string | Date | null;
  cancelled_at: string | Date | null;
}

type Event = FineIssued | PaymentRecorded | AppealResolved | InfractionCancelled;

function applyEvent(row: FineRow | undefined, recorded: RecordedEvent): FineRow | undefined {
  const event = recorded as unknown as Event;
  const at = recorded.metadata.occurredAt;
  if (event.type === 'FineIssued') {
    const { infractionId, amount, scheduleVersion, issuedBy } = event.data;
    return {
      infraction_id: infractionId,
      schedule_version: scheduleVersion,
      currency: amount.currency,
      amount_minor: amount.amountMinor,
      issued_at: at,
      issued_by: issuedBy,
      state: 'OUTSTANDING',
      paid_minor: 0,
      paid_at: null,
      cancelled_at: null,
    };
  }
  // Infractions never fined (cancelled before any fine) have no row.
  if (!row) return row;
  switch (event.type) {
    case 'PaymentRecorded':
      return { ...row, state: 'PAID', paid_minor: event.data.amount.amountMinor, paid_at: event.data.paidAt };
    case 'AppealResolved':
      return event.data.outcome === 'ACCEPTED' ? { ...row, state: 'CANCELLED', cancelled_at: at } : row;
    case 'InfractionCancelled':
      return { ...row, state: 'CANCELLED', cancelled_at: at };
  }
}

export const finesLedgerProjection: Projection = {
  name: 'fines-ledger',
  version: 1,
  eventTypes: ['FineIssued', 'PaymentRecorded', 'AppealResolved', 'InfractionCancelled'],
  publicTables: ['fines'],
  createTables: (t) => `CREATE TABLE ${t('fines')} (${Object.entries(COLUMNS).map(([n, type]) => `${n} ${type}`).join(', ')}, PRIMARY KEY (infraction_id));`,
  createIndexes: (t) => `
    CREATE INDEX ON ${t('fines')} (schedule_version, state);
    CREATE INDEX ON ${t('fines')} (issued_at);`,

  async applyBatch(events, { client, table }) {
    const idOf = (event: RecordedEvent): string => (event.data as { infractionId: string }).infractionId;
    const firstType = new Map<string, string>();
    for (const event of events) if (!firstType.has(idOf(event))) firstType.set(idOf(event), event.type);
    const earlier = [...firstType].filter(([, type]) => type !== 'FineIssued').map(([id]) => id);
    const rows = new Map<string, FineRow | undefined>();
    if (earlier.length > 0) {
      const { rows: found } = await client.query<FineRow>(`SELECT * FROM ${table('fines')} WHERE infraction_id = ANY($1::text[])`, [earlier]);
      for (const row of found) rows.set(row.infraction_id, row);
    }
    const changed = new Set<string>();
    for (const event of events) {
      const next = applyEvent(rows.get(idOf(event)), event);
      if (next === undefined) continue;
      rows.set(idOf(event), next);
      changed.add(idOf(event));
    }
    if (changed.size === 0) return;
    const payload = [...changed].map((id) => rows.get(id));
    await client.query(upsertStatement(table('fines'), COLUMNS, ['infraction_id']), [JSON.stringify(payload)]);
  },
};
