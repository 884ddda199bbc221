// The facts a vehicle's risk score needs, one row per infraction: its plate (as corrected),
// type and time, and whether it was confirmed, fined, paid or voided. The score itself is
// computed at query time (risk-score.ts), so changing the formula needs no rebuild.
import type { InfractionEvent } from '../../domain/infraction/events.js';
import type { RecordedEvent } from '../../event-store/port.js';
import type { Projection, ProjectionContext } from '../runner/projection.js';

const EVENT_TYPES = [
  'InfractionDetected',
  'PlateConfirmed',
  'PlateCorrected',
  'InfractionValidated',
  'FineIssued',
  'PaymentRecorded',
  'AppealResolved',
  'InfractionCancelled',
  'InfractionRejected',
  'InfractionExpired',
] as const;

export const vehicleRiskProjection: Projection = {
  name: 'vehicle-risk',
  version: 1,
  eventTypes: EVENT_TYPES,
  publicTables: ['vehicle_risk_infractions'],
  createTables: (table) => `
    CREATE TABLE ${table('vehicle_risk_infractions')} (
      infraction_id text PRIMARY KEY,
      plate text,
      infraction_type text NOT NULL,
      occurred_at timestamptz NOT NULL,
      confirmed boolean NOT NULL DEFAULT false,
      fined boolean NOT NULL DEFAULT false,
      paid boolean NOT NULL DEFAULT false,
      voided boolean NOT NULL DEFAULT false
    );`,
  createIndexes: (table) => `CREATE INDEX ON ${table('vehicle_risk_infractions')} (plate);`,
  async applyBatch(events: readonly RecordedEvent[], { client, table }: ProjectionContext) {
    const rows = table('vehicle_risk_infractions');
    const set = (infractionId: string, assignments: string, values: unknown[] = []) =>
      client.query(`UPDATE ${rows} SET ${assignments} WHERE infraction_id = $1`, [infractionId, ...values]);
    for (const recorded of events) {
      const event = recorded as unknown as InfractionEvent;
      const id = event.data.infractionId;
      switch (event.type) {
        case 'InfractionDetected':
          await client.query(
            `INSERT INTO ${rows} (infraction_id, plate, infraction_type, occurred_at) VALUES ($1, $2, $3, $4) ON CONFLICT (infraction_id) DO NOTHING`,
            [id, event.data.plate?.text ?? null, event.data.infractionType, event.data.occurredAt],
          );
          break;
        case 'PlateConfirmed':
        case 'PlateCorrected':
          await set(id, 'plate = $2', [event.data.plate]);
          break;
        case 'InfractionValidated':
          await set(id, 'confirmed = true');
          break;
        case 'FineIssued':
          await set(id, 'confirmed = true, fined = true');
          break;
        case 'PaymentRecorded':
          await set(id, 'paid = true');
          break;
        case 'AppealResolved':
          if (event.data.outcome === 'ACCEPTED') await set(id, 'voided = true');
          break;
        case 'InfractionCancelled':
        case 'InfractionRejected':
        case 'InfractionExpired':
          await set(id, 'voided = true');
          break;
        default:
          // Other infraction events (appeal filed, owner identified) do not change the facts.
          break;
      }
    }
  },
};
