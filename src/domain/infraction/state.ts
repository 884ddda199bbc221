// The infraction as its events leave it: what the decider needs to judge the next command.
import type { Money } from '../shared/money.js';
import type { EncryptedPersonalData, EvidenceRef, InfractionEvent, InfractionType, PlateRead, SpeedMeasurement } from './events.js';

export const INFRACTION_STATUSES = [
  'DETECTED',
  'VALIDATED',
  'REJECTED',
  'FINED',
  'APPEALED',
  'PAID',
  'CANCELLED',
  'EXPIRED',
] as const;
export type InfractionStatus = (typeof INFRACTION_STATUSES)[number];

export const TERMINAL_STATUSES: readonly InfractionStatus[] = ['REJECTED', 'EXPIRED', 'PAID', 'CANCELLED'];

export interface RecordedInfraction {
  status: InfractionStatus;
  infractionId: string;
  infractionType: InfractionType;
  deviceId: string;
  zoneId: string;
  occurredAt: string;
  reviewDeadline: string;
  /** The plate as first read by the reader. */
  plateRead: PlateRead | null;
  /** The plate in force: the read, or what a person confirmed or corrected it to. */
  plate: string | null;
  /** True once a person confirmed or corrected the plate. */
  plateVerified: boolean;
  speed: SpeedMeasurement | null;
  evidence: EvidenceRef[];
  validatedBy: string | null;
  fine: { amount: Money; scheduleVersion: number } | null;
  appeal: { appealId: string; filedBy: string; outcome: 'ACCEPTED' | 'DISMISSED' | null } | null;
  payment: { paymentId: string; amount: Money } | null;
  owner: EncryptedPersonalData | null;
}

/** `null` until InfractionDetected: the stream does not exist yet. */
export type InfractionState = RecordedInfraction | null;

export const initialState: InfractionState = null;

export function evolve(state: InfractionState, event: InfractionEvent): InfractionState {
  if (event.type === 'InfractionDetected') {
    const d = event.data;
    return {
      status: 'DETECTED',
      infractionId: d.infractionId,
      infractionType: d.infractionType,
      deviceId: d.deviceId,
      zoneId: d.zoneId,
      occurredAt: d.occurredAt,
      reviewDeadline: d.reviewDeadline,
      plateRead: d.plate,
      plate: d.plate?.text ?? null,
      plateVerified: false,
      speed: d.speed,
      evidence: d.evidence,
      validatedBy: null,
      fine: null,
      appeal: null,
      payment: null,
      owner: null,
    };
  }
  // A later event without its detection cannot be folded meaningfully; keep what we have.
  if (state === null) return state;
  switch (event.type) {
    case 'PlateConfirmed':
    case 'PlateCorrected':
      return { ...state, plate: event.data.plate, plateVerified: true };
    case 'InfractionValidated':
      return { ...state, status: 'VALIDATED', validatedBy: event.data.validatedBy };
    case 'InfractionRejected':
      return { ...state, status: 'REJECTED' };
    case 'FineIssued':
      return { ...state, status: 'FINED', fine: { amount: event.data.amount, scheduleVersion: event.data.scheduleVersion } };
    case 'AppealFiled':
      return {
        ...state,
        status: 'APPEALED',
        appeal: { appealId: event.data.appealId, filedBy: event.data.filedBy, outcome: null },
      };
    case 'AppealResolved':
      return {
        ...state,
        status: event.data.outcome === 'ACCEPTED' ? 'CANCELLED' : 'FINED',
        appeal: state.appeal && { ...state.appeal, outcome: event.data.outcome },
      };
    case 'PaymentRecorded':
      return { ...state, status: 'PAID', payment: { paymentId: event.data.paymentId, amount: event.data.amount } };
    case 'InfractionCancelled':
      return { ...state, status: 'CANCELLED' };
    case 'InfractionExpired':
      return { ...state, status: 'EXPIRED' };
    case 'OwnerIdentified':
      return { ...state, owner: event.data.owner };
    default: {
      // Exhaustive at compile time; an unknown stored type (a newer writer) is ignored, never thrown.
      const _unknown: never = event;
      return state;
    }
  }
}
