// What people, devices and services ask of an infraction. Time, ids and the actor come on
// the metadata; everything a rule needs beyond the stream comes in the data.
import type { Command } from '../shared/message.js';
import type { Money } from '../shared/money.js';
import type { ToleranceRule } from '../shared/tolerance.js';
import type { FineScheduleVersion } from '../fine-schedule/events.js';
import type {
  AppealOutcome,
  EncryptedPersonalData,
  EvidenceRef,
  InfractionType,
  PlateRead,
  RejectionReason,
} from './events.js';

export type RecordInfractionDetected = Command<
  'RecordInfractionDetected',
  {
    infractionId: string;
    infractionType: InfractionType;
    deviceId: string;
    zoneId: string;
    occurredAt: string;
    plate: PlateRead | null;
    /** Required for SPEED_VIOLATION: the decider applies the tolerance and checks the limit. */
    speed: { measuredKmh: number; limitKmh: number; tolerance: ToleranceRule } | null;
    evidence: EvidenceRef[];
    trackId: string;
    lane?: string | null;
    observationId?: string | null;
  }
>;

export type ConfirmPlate = Command<'ConfirmPlate', { infractionId: string }>;

export type CorrectPlate = Command<'CorrectPlate', { infractionId: string; plate: string; reason: string }>;

export type ValidateInfraction = Command<'ValidateInfraction', { infractionId: string; note?: string | null }>;

export type RejectInfraction = Command<
  'RejectInfraction',
  { infractionId: string; reason: RejectionReason; note?: string | null }
>;

/**
 * The handler loads the `fine-schedule` stream and passes the version in force at the
 * infraction's occurredAt (fine-schedule/in-force.ts); the decider prices it with fineFor.
 */
export type IssueFine = Command<'IssueFine', { infractionId: string; schedule: FineScheduleVersion }>;

export type FileAppeal = Command<'FileAppeal', { infractionId: string; appealId: string; grounds: string }>;

export type ResolveAppeal = Command<
  'ResolveAppeal',
  { infractionId: string; appealId: string; outcome: AppealOutcome; reason: string }
>;

export type RecordPayment = Command<
  'RecordPayment',
  { infractionId: string; paymentId: string; amount: Money; paidAt: string; receipt?: string | null }
>;

export type CancelInfraction = Command<'CancelInfraction', { infractionId: string; reason: string }>;

export type ExpireInfraction = Command<'ExpireInfraction', { infractionId: string }>;

export type IdentifyOwner = Command<
  'IdentifyOwner',
  { infractionId: string; plate: string; registry: string; owner: EncryptedPersonalData }
>;

export type InfractionCommand =
  | RecordInfractionDetected
  | ConfirmPlate
  | CorrectPlate
  | ValidateInfraction
  | RejectInfraction
  | IssueFine
  | FileAppeal
  | ResolveAppeal
  | RecordPayment
  | CancelInfraction
  | ExpireInfraction
  | IdentifyOwner;

export type InfractionCommandType = InfractionCommand['type'];

export const INFRACTION_COMMAND_TYPES = [
  'RecordInfractionDetected',
  'ConfirmPlate',
  'CorrectPlate',
  'ValidateInfraction',
  'RejectInfraction',
  'IssueFine',
  'FileAppeal',
  'ResolveAppeal',
  'RecordPayment',
  'CancelInfraction',
  'ExpireInfraction',
  'IdentifyOwner',
] as const satisfies readonly InfractionCommandType[];
