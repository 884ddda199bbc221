// One shape for an infraction whatever it was read from: a row of the infractions read
// model (queries), or the state folded from its stream (as-of, mutation results, subscriptions).
import type { EncryptedPersonalData, EvidenceRef, InfractionType, RejectionReason } from '../../domain/infraction/events.js';
import type { InfractionStatus, RecordedInfraction } from '../../domain/infraction/state.js';
import type { Money } from '../../domain/shared/money.js';
import type { InfractionRow } from '../../projections/infractions/row.js';

export interface InfractionView {
  id: string;
  type: InfractionType;
  status: InfractionStatus;
  deviceId: string;
  zoneId: string;
  occurredAt: string;
  reviewDeadline: string;
  plate: { text: string; confidence: number | null; verified: boolean } | null;
  speed: { measuredKmh: number; limitKmh: number; toleranceKmh: number; consideredKmh: number } | null;
  /** Stored references; the Evidence resolver signs a URL for each one asked for. */
  evidence: EvidenceRef[];
  validatedBy: string | null;
  rejectionReason: RejectionReason | null;
  fine: Money | null;
  fineScheduleVersion: number | null;
  appeal: { id: string; outcome: 'ACCEPTED' | 'DISMISSED' | null } | null;
  paidAt: string | null;
  /** Still encrypted: the Owner resolver decrypts and masks it for the caller's role. */
  ownerEncrypted: EncryptedPersonalData | null;
  revision: number;
}

/** A Date, or already the API's ISO-8601 string (the page query's isoTimestampTypes). */
type Instant = string | Date;

/** A row of the infractions read model as pg hands it back (timestamps as Date or ISO text, bigint as text or number). */
export type InfractionReadRow = Omit<InfractionRow, 'occurred_at' | 'review_deadline' | 'decided_at' | 'paid_at' | 'updated_at' | 'fine_amount_minor'> & {
  occurred_at: Instant;
  review_deadline: Instant;
  decided_at: Instant | null;
  paid_at: Instant | null;
  updated_at: Instant;
  fine_amount_minor: number | string | null;
};

const iso = (value: Instant | null): string | null => (value === null ? null : typeof value === 'string' ? value : new Date(value).toISOString());

export function infractionFromRow(row: InfractionReadRow): InfractionView {
  const measured = row.measured_kmh;
  const considered = row.considered_kmh;
  return {
    id: row.infraction_id,
    type: row.infraction_type as InfractionType,
    status: row.status,
    deviceId: row.device_id,
    zoneId: row.zone_id,
    occurredAt: iso(row.occurred_at)!,
    reviewDeadline: iso(row.review_deadline)!,
    plate: row.plate === null ? null : { text: row.plate, confidence: row.plate_confidence, verified: row.plate_verified },
    speed:
      measured === null || considered === null || row.limit_kmh === null
        ? null
        : { measuredKmh: measured, limitKmh: row.limit_kmh, consideredKmh: considered, toleranceKmh: Math.round((measured - considered) * 100) / 100 },
    evidence: row.evidence,
    validatedBy: row.validated_by,
    rejectionReason: row.rejection_reason as RejectionReason | null,
    // bigint columns come back from pg as text
    fine: row.fine_amount_minor === null || row.fine_currency === null ? null : { amountMinor: Number(row.fine_amount_minor), currency: row.fine_currency },
    fineScheduleVersion: row.fine_schedule_version,
    appeal: row.appeal_id === null ? null : { id: row.appeal_id, outcome: row.appeal_outcome as 'ACCEPTED' | 'DISMISSED' | null },
    paidAt: iso(row.paid_at),
    ownerEncrypted: row.owner_encrypted,
    revision: row.revision,
  };
}

/** Facts the state does not keep (rejection reason, payment time) come from the events folded. */
export interface FoldExtras {
  rejectionReason: RejectionReason | null;
  paidAt: string | null;
}

export function infractionFromState(state: RecordedInfraction, revision: number, extras: FoldExtras): InfractionView {
  return {
    id: state.infractionId,
    type: state.infractionType,
    status: state.status,
    deviceId: state.deviceId,
    zoneId: state.zoneId,
    occurredAt: state.occurredAt,
    reviewDeadline: state.reviewDeadline,
    plate: state.plate === null ? null : { text: state.plate, confidence: state.plateRead?.confidence ?? null, verified: state.plateVerified },
    speed: state.speed && {
      measuredKmh: state.speed.measuredKmh,
      limitKmh: state.speed.limitKmh,
      toleranceKmh: state.speed.toleranceKmh,
      consideredKmh: state.speed.consideredKmh,
    },
    evidence: state.evidence,
    validatedBy: state.validatedBy,
    rejectionReason: extras.rejectionReason,
    fine: state.fine?.amount ?? null,
    fineScheduleVersion: state.fine?.scheduleVersion ?? null,
    appeal: state.appeal && { id: state.appeal.appealId, outcome: state.appeal.outcome },
    paidAt: extras.paidAt,
    ownerEncrypted: state.owner,
    revision,
  };
}
