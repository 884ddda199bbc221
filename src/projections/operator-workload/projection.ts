// One row per review decision (validated or rejected): who, which UTC day, and how long
// after the violation. The report counts per operator and day and takes the median.
import type { InfractionRejected, InfractionValidated } from '../../domain/infraction/events.js';
import type { RecordedEvent } from '../../event-store/port.js';
import { recordset, type Columns } from '../runner/json-rows.js';
import type { Projection } from '../runner/projection.js';

const DECISIONS: Columns = { infraction_id: 'text', operator: 'text', day: 'date', decision: 'text', seconds_to_decision: 'double precision' };
const DETECTIONS: Columns = { infraction_id: 'text', occurred_at: 'timestamptz' };

const idOf = (event: RecordedEvent): string => (event.data as { infractionId: string }).infractionId;

export const operatorWorkloadProjection: Projection = {
  name: 'operator-workload',
  version: 1,
  eventTypes: ['InfractionDetected', 'InfractionValidated', 'InfractionRejected'],
  publicTables: ['operator_decisions'],
  createTables: (t) => `
    CREATE TABLE ${t('operator_decisions')} (${Object.entries(DECISIONS).map(([n, type]) => `${n} ${type} NOT NULL`).join(', ')}, PRIMARY KEY (infraction_id));
    CREATE TABLE ${t('detections')} (infraction_id text PRIMARY KEY, occurred_at timestamptz NOT NULL);`,
  createIndexes: (t) => `CREATE INDEX ON ${t('operator_decisions')} (day, operator);`,

  async applyBatch(events, { client, table }) {
    const detectedAt = new Map<string, number>();
    for (const event of events) {
      if (event.type === 'InfractionDetected') detectedAt.set(idOf(event), Date.parse((event.data as { occurredAt: string }).occurredAt));
    }
    const decisions = events.filter((event) => event.type !== 'InfractionDetected');
    const earlier = [...new Set(decisions.map(idOf).filter((id) => !detectedAt.has(id)))];
    if (earlier.length > 0) {
      const { rows } = await client.query<{ infraction_id: string; occurred_at: Date }>(
        `SELECT infraction_id, occurred_at FROM ${table('detections')} WHERE infraction_id = ANY($1::text[])`,
        [earlier],
      );
      for (const row of rows) detectedAt.set(row.infraction_id, row.occurred_at.getTime());
    }
    const rows = decisions.flatMap((recorded) => {
      const event = recorded as unknown as InfractionValidated | InfractionRejected;
      const detected = detectedAt.get(event.data.infractionId);
      if (detected === undefined) return [];
      const at = recorded.metadata.occurredAt;
      const operator = event.type === 'InfractionValidated' ? event.data.validatedBy : event.data.rejectedBy;
      const decision = event.type === 'InfractionValidated' ? 'VALIDATED' : 'REJECTED';
      return [{ infraction_id: event.data.infractionId, operator, day: at.slice(0, 10), decision, seconds_to_decision: (Date.parse(at) - detected) / 1000 }];
    });
    const detections = events.filter((event) => event.type === 'InfractionDetected');
    if (detections.length > 0) {
      const payload = detections.map((event) => ({ infraction_id: idOf(event), occurred_at: (event.data as { occurredAt: string }).occurredAt }));
      await client.query(`INSERT INTO ${table('detections')} SELECT * FROM ${recordset(DETECTIONS)} ON CONFLICT DO NOTHING`, [JSON.stringify(payload)]);
    }
    if (rows.length > 0) {
      const names = Object.keys(DECISIONS).join(', ');
      await client.query(`INSERT INTO ${table('operator_decisions')} (${names}) SELECT ${names} FROM ${recordset(DECISIONS)} ON CONFLICT DO NOTHING`, [
        JSON.stringify(rows),
      ]);
    }
  },
};
