// Everything that can happen to an infraction, as plain data with stable type strings.
// Stream: `infraction-<infractionId>`. Never rename a type: stored events keep it forever.
import type { DomainEvent } from '../shared/message.js';
import type { Money } from '../shared/money.js';
import type { ToleranceApplied } from '../shared/tolerance.js';

export const INFRACTION_TYPES = ['SPEED_VIOLATION', 'RED_LIGHT', 'LANE_INVASION', 'NO_SEATBELT', 'PHONE_USAGE', 'OTHER'] as const;
export type InfractionType = (typeof INFRACTION_TYPES)[number];

export const REJECTION_REASONS = [
  'PLATE_UNREADABLE',
  'FALSE_POSITIVE',
  'EMERGENCY_VEHICLE',
  'DUPLICATE',
  'EVIDENCE_INSUFFICIENT',
  'OTHER',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const APPEAL_OUTCOMES = ['ACCEPTED', 'DISMISSED'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

export const EVIDENCE_KINDS = ['SNAPSHOT', 'CLIP', 'PLATE_CROP', 'OTHER'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface EvidenceRef {
  kind: EvidenceKind;
  /** Object-storage key (bucket-relative) or URI of the stored file. */
  uri: string;
  /** SHA-256 of the file's bytes, lower-case hex (64 chars). */
  sha256: string;
  contentType?: string;
}

export interface PlateRead {
  /** Canonical text (see shared/plate.ts), or the reader's raw text when it matched no format. */
  text: string;
  /** 0..1 */
  confidence: number;
  /** Which reader produced it, e.g. "tesseract.js@7/eng" or "operator". */
  reader: string;
  /** Name of the plate format matched, null when none. */
  format: string | null;
}

/** The measured speed, the limit, and the tolerance of the zone's jurisdiction applied to it. */
export interface SpeedMeasurement extends ToleranceApplied {
  limitKmh: number;
}

/**
 * Personal data encrypted (AES-256-GCM) with a key per person held outside the log: deleting
 * the key erases the person while every event hash still verifies. Binary fields are base64.
 */
export interface EncryptedPersonalData {
  algorithm: 'AES-256-GCM';
  keyId: string;
  iv: string;
  ciphertext: string;
  authTag: string;
}

export type InfractionDetected = DomainEvent<
  'InfractionDetected',
  {
    infractionId: string;
    infractionType: InfractionType;
    deviceId: string;
    zoneId: string;
    /** ISO-8601 instant of the violation (camera time). */
    occurredAt: string;
    plate: PlateRead | null;
    speed: SpeedMeasurement | null;
    evidence: EvidenceRef[];
    trackId: string;
    lane: string | null;
    observationId: string | null;
    /** occurredAt + the configured review period; fixed at detection so later settings never move it. */
    reviewDeadline: string;
  }
>;

export type PlateConfirmed = DomainEvent<'PlateConfirmed', { infractionId: string; plate: string; confirmedBy: string }>;

export type PlateCorrected = DomainEvent<
  'PlateCorrected',
  { infractionId: string; previousPlate: string | null; plate: string; reason: string; correctedBy: string }
>;

export type InfractionValidated = DomainEvent<
  'InfractionValidated',
  { infractionId: string; validatedBy: string; note: string | null }
>;

export type InfractionRejected = DomainEvent<
  'InfractionRejected',
  { infractionId: string; reason: RejectionReason; note: string | null; rejectedBy: string }
>;

export type FineIssued = DomainEvent<
  'FineIssued',
  {
    infractionId: string;
    amount: Money;
    scheduleVersion: number;
    /** The speed band applied (minimum excess km/h), null for non-speed infractions. */
    speedBandMinExcessKmh: number | null;
    plate: string | null;
    issuedBy: string;
  }
>;

export type AppealFiled = DomainEvent<
  'AppealFiled',
  { infractionId: string; appealId: string; grounds: string; filedBy: string }
>;

export type AppealResolved = DomainEvent<
  'AppealResolved',
  { infractionId: string; appealId: string; outcome: AppealOutcome; reason: string; resolvedBy: string }
>;

export type PaymentRecorded = DomainEvent<
  'PaymentRecorded',
  { infractionId: string; paymentId: string; amount: Money; paidAt: string; receipt: string | null; recordedBy: string }
>;

export type InfractionCancelled = DomainEvent<
  'InfractionCancelled',
  { infractionId: string; reason: string; previousStatus: string; cancelledBy: string }
>;

export type InfractionExpired = DomainEvent<
  'InfractionExpired',
  { infractionId: string; reviewDeadline: string; expiredAt: string }
>;

export type OwnerIdentified = DomainEvent<
  'OwnerIdentified',
  { infractionId: string; plate: string; registry: string; owner: EncryptedPersonalData }
>;

export type InfractionEvent =
  | InfractionDetected
  | PlateConfirmed
  | PlateCorrected
  | InfractionValidated
  | InfractionRejected
  | FineIssued
  | AppealFiled
  | AppealResolved
  | PaymentRecorded
  | InfractionCancelled
  | InfractionExpired
  | OwnerIdentified;

export type InfractionEventType = InfractionEvent['type'];

export const INFRACTION_EVENT_TYPES = [
  'InfractionDetected',
  'PlateConfirmed',
  'PlateCorrected',
  'InfractionValidated',
  'InfractionRejected',
  'FineIssued',
  'AppealFiled',
  'AppealResolved',
  'PaymentRecorded',
  'InfractionCancelled',
  'InfractionExpired',
  'OwnerIdentified',
] as const satisfies readonly InfractionEventType[];

export const infractionStream = (infractionId: string): string => `infraction-${infractionId}`;
