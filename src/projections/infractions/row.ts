// One infraction as the review queue and the search show it, and how each event changes it.
// Personal data stays encrypted: the owner's ciphertext is kept as the event carried it.
import type { RecordedEvent } from '../../event-store/port.js';
import type { EncryptedPersonalData, EvidenceRef, InfractionEvent } from '../../domain/infraction/events.js';
import type { InfractionStatus } from '../../domain/infraction/state.js';
import type { Columns } from '../runner/json-rows.js';

export interface InfractionRow {
  infraction_id: string;
  infraction_type: string;
  status: InfractionStatus;
  zone_id: string;
  device_id: string;
  plate: string | null;
  plate_confidence: number | null;
  plate_verified: boolean;
  occurred_at: string;
  review_deadline: string;
  measured_kmh: number | null;
  considered_kmh: number | null;
  limit_kmh: number | null;
  evidence: EvidenceRef[];
  validated_by: string | null;
  decided_at: string | null;
  rejection_reason: string | null;
  fine_amount_minor: number | null;
  fine_currency: string | null;
  fine_schedule_version: number | null;
  appeal_id: string | null;
  appeal_outcome: string | null;
  paid_at: string | null;
  owner_encrypted: EncryptedPersonalData | null;
  revision: number;
  updated_at: string;
}

export const INFRACTION_COLUMNS: Columns = {
  infraction_id: 'text',
  infraction_type: 'text',
  status: 'text',
  zone_id: 'text',
  device_id: 'text',
  plate: 'text',
  plate_confidence: 'double precision',
  plate_verified: 'boolean',
  occurred_at: 'timestamptz',
  review_deadline: 'timestamptz',
  measured_kmh: 'double precision',
  considered_kmh: 'double precision',
  limit_kmh: 'double precision',
  evidence: 'jsonb',
  validated_by: 'text',
  decided_at: 'timestamptz',
  rejection_reason: 'text',
  fine_amount_minor: 'bigint',
  fine_currency: 'text',
  fine_schedule_version: 'integer',
  appeal_id: 'text',
  appeal_outcome: 'text',
  paid_at: 'timestamptz',
  owner_encrypted: 'jsonb',
  revision: 'integer',
  updated_at: 'timestamptz',
};

/**
 * What an event after the detection changes in an infraction's row. No event clears a
 * column (the type forbids null), so a stored row can be patched with "new value, or the
 * stored one" without being read first.
 */
export type InfractionChanges = { [K in keyof InfractionRow]?: NonNullable<InfractionRow[K]> };

/** The row an InfractionDetected creates. */
export function detectedRow(recorded: RecordedEvent): InfractionRow {
  const d = (recorded as unknown as Extract<InfractionEvent, { type: 'InfractionDetected' }>).data;
  return {
    infraction_id: d.infractionId,
    infraction_type: d.infractionType,
    status: 'DETECTED',
    zone_id: d.zoneId,
    device_id: d.deviceId,
    plate: d.plate?.text ?? null,
    plate_confidence: d.plate?.confidence ?? null,
    plate_verified: false,
    occurred_at: d.occurredAt,
    review_deadline: d.reviewDeadline,
    measured_kmh: d.speed?.measuredKmh ?? null,
    considered_kmh: d.speed?.consideredKmh ?? null,
    limit_kmh: d.speed?.limitKmh ?? null,
    evidence: d.evidence,
    validated_by: null,
    decided_at: null,
    rejection_reason: null,
    fine_amount_minor: null,
    fine_currency: null,
    fine_schedule_version: null,
    appeal_id: null,
    appeal_outcome: null,
    paid_at: null,
    owner_encrypted: null,
    revision: recorded.revision,
    updated_at: recorded.metadata.occurredAt,
  };
}

/** The columns an event after the detection sets. */
export function changesOf(recorded: RecordedEvent): InfractionChanges {
  const event = recorded as unknown as InfractionEvent;
  const at = recorded.metadata.occurredAt;
  const touch = { revision: recorded.revision, updated_at: at };
  switch (event.type) {
    case 'InfractionDetected':
      return {}; // creates the row instead: detectedRow()
    case 'PlateConfirmed':
    case 'PlateCorrected':
      return { plate: event.data.plate, plate_verified: true, ...touch };
    case 'InfractionValidated':
      return { status: 'VALIDATED', validated_by: event.data.validatedBy, decided_at: at, ...touch };
    case 'InfractionRejected':
      return { status: 'REJECTED', rejection_reason: event.data.reason, decided_at: at, ...touch };
    case 'FineIssued': {
      const { amount, scheduleVersion } = event.data;
      return { status: 'FINED', fine_amount_minor: amount.amountMinor, fine_currency: amount.currency, fine_schedule_version: scheduleVersion, ...touch };
    }
    case 'AppealFiled':
      return { status: 'APPEALED', appeal_id: event.data.appealId, ...touch };
    case 'AppealResolved':
      return { status: event.data.outcome === 'ACCEPTED' ? 'CANCELLED' : 'FINED', appeal_outcome: event.data.outcome, ...touch };
    case 'PaymentRecorded':
      return { status: 'PAID', paid_at: event.data.paidAt, ...touch };
    case 'InfractionCancelled':
      return { status: 'CANCELLED', ...touch };
    case 'InfractionExpired':
      return { status: 'EXPIRED', ...touch };
    case 'OwnerIdentified':
      return { owner_encrypted: event.data.owner, ...touch };
    default: {
      const _unknown: never = event;
      return {};
    }
  }
}
