// The law of an infraction: who may do what, when, and with what evidence.
import { authorise } from '../authorisation.js';
import { actorId } from '../shared/actor.js';
import type { Decider } from '../shared/decider.js';
import { domainError } from '../shared/errors.js';
import { sameMoney } from '../shared/money.js';
import { normalizePlate, parsePlate } from '../shared/plate.js';
import { applyTolerance } from '../shared/tolerance.js';
import { fineFor } from '../fine-schedule/fine-for.js';
import type { InfractionCommand, RecordInfractionDetected } from './commands.js';
import type { InfractionEvent, PlateRead, SpeedMeasurement } from './events.js';
import { DEFAULT_INFRACTION_POLICY, isAfter, reviewDeadlineFor, type InfractionPolicy } from './policy.js';
import { evolve, initialState, type InfractionState, type InfractionStatus, type RecordedInfraction } from './state.js';

const NON_TERMINAL: InfractionStatus[] = ['DETECTED', 'VALIDATED', 'FINED', 'APPEALED'];
const SHA256 = /^[0-9a-f]{64}$/;

function requireStatus(state: InfractionState, command: InfractionCommand, ...allowed: InfractionStatus[]): RecordedInfraction {
  if (state === null) throw domainError('INFRACTION_NOT_FOUND', `infraction ${command.data.infractionId} does not exist`);
  if (!allowed.includes(state.status)) {
    throw domainError('INVALID_TRANSITION', `${command.type} is not allowed on a ${state.status} infraction`, {
      status: state.status,
      command: command.type,
    });
  }
  return state;
}

function requireText(value: string | null | undefined, code: 'REASON_REQUIRED' | 'NOTE_REQUIRED', field: string): string {
  const text = value?.trim();
  if (!text) throw domainError(code, `${field} is required`, { field });
  return text;
}

function speedOf(command: RecordInfractionDetected): SpeedMeasurement | null {
  const { speed, infractionType } = command.data;
  if (!speed) {
    if (infractionType === 'SPEED_VIOLATION') throw domainError('SPEED_MEASUREMENT_REQUIRED', 'a speed violation needs its measurement');
    return null;
  }
  const measurement = { ...applyTolerance(speed.tolerance, speed.measuredKmh), limitKmh: speed.limitKmh };
  if (infractionType === 'SPEED_VIOLATION' && !(measurement.consideredKmh > measurement.limitKmh)) {
    throw domainError('NOT_A_SPEED_VIOLATION', `considered speed ${measurement.consideredKmh} km/h is not above the limit ${measurement.limitKmh} km/h`, {
      ...measurement,
    });
  }
  return measurement;
}

function canonicalRead(read: PlateRead | null, policy: InfractionPolicy): PlateRead | null {
  if (!read) return null;
  const match = normalizePlate(read.text, policy.plateFormats);
  return match.ok ? { ...read, text: match.plate, format: match.format } : { ...read, text: match.compact, format: null };
}

export function createDecide(policy: InfractionPolicy = DEFAULT_INFRACTION_POLICY) {
  return function decide(command: InfractionCommand, state: InfractionState): InfractionEvent[] {
    authorise(command);
    const by = actorId(command.metadata.actor);
    const { now } = command.metadata;
    const infractionId = command.data.infractionId;
    switch (command.type) {
      case 'RecordInfractionDetected': {
        // A redelivered detection (same stable infractionId) appends nothing.
        if (state !== null) return [];
        const d = command.data;
        const data = {
          infractionId,
          infractionType: d.infractionType,
          deviceId: d.deviceId,
          zoneId: d.zoneId,
          occurredAt: d.occurredAt,
          plate: canonicalRead(d.plate, policy),
          speed: speedOf(command),
          evidence: d.evidence,
          trackId: d.trackId,
          lane: d.lane ?? null,
          observationId: d.observationId ?? null,
          reviewDeadline: reviewDeadlineFor(d.occurredAt, policy),
        };
        return [{ type: 'InfractionDetected', data }];
      }
      case 'ConfirmPlate': {
        const infraction = requireStatus(state, command, 'DETECTED');
        if (infraction.plate === null) throw domainError('PLATE_INVALID', 'there is no plate read to confirm: correct it instead');
        return [{ type: 'PlateConfirmed', data: { infractionId, plate: infraction.plate, confirmedBy: by } }];
      }
      case 'CorrectPlate': {
        const infraction = requireStatus(state, command, 'DETECTED');
        const plate = parsePlate(command.data.plate, policy.plateFormats);
        if (plate === infraction.plate) throw domainError('PLATE_UNCHANGED', `the plate is already ${plate}`);
        const reason = requireText(command.data.reason, 'REASON_REQUIRED', 'reason');
        return [{ type: 'PlateCorrected', data: { infractionId, previousPlate: infraction.plate, plate, reason, correctedBy: by } }];
      }
      case 'ValidateInfraction': {
        const infraction = requireStatus(state, command, 'DETECTED');
        if (isAfter(now, infraction.reviewDeadline)) {
          throw domainError('REVIEW_DEADLINE_PASSED', `the review deadline ${infraction.reviewDeadline} has passed`);
        }
        if (!infraction.evidence.some((e) => SHA256.test(e.sha256))) {
          throw domainError('EVIDENCE_REQUIRED', 'validation needs at least one evidence file with its SHA-256');
        }
        const unsure = infraction.plateRead === null || infraction.plateRead.confidence < policy.plateConfidenceThreshold;
        if (!infraction.plateVerified && (infraction.plate === null || unsure)) {
          throw domainError('PLATE_CONFIRMATION_REQUIRED', 'confirm or correct the plate first', {
            confidence: infraction.plateRead?.confidence ?? null,
            threshold: policy.plateConfidenceThreshold,
          });
        }
        return [{ type: 'InfractionValidated', data: { infractionId, validatedBy: by, note: command.data.note?.trim() || null } }];
      }
      case 'RejectInfraction': {
        requireStatus(state, command, 'DETECTED');
        const { reason } = command.data;
        const note = reason === 'OTHER' ? requireText(command.data.note, 'NOTE_REQUIRED', 'note') : command.data.note?.trim() || null;
        return [{ type: 'InfractionRejected', data: { infractionId, reason, note, rejectedBy: by } }];
      }
      case 'IssueFine': {
        const infraction = requireStatus(state, command, 'VALIDATED');
        const { schedule } = command.data;
        if (isAfter(schedule.effectiveFrom, infraction.occurredAt)) {
          throw domainError('FINE_SCHEDULE_NOT_IN_FORCE', `schedule version ${schedule.version} starts after the infraction`);
        }
        const quote = fineFor(schedule, infraction);
        return [{ type: 'FineIssued', data: { infractionId, ...quote, plate: infraction.plate, issuedBy: by } }];
      }
      case 'FileAppeal': {
        const infraction = requireStatus(state, command, 'FINED');
        if (infraction.appeal) throw domainError('APPEAL_ALREADY_DECIDED', `appeal ${infraction.appeal.appealId} was already decided`);
        const grounds = requireText(command.data.grounds, 'REASON_REQUIRED', 'grounds');
        return [{ type: 'AppealFiled', data: { infractionId, appealId: command.data.appealId, grounds, filedBy: by } }];
      }
      case 'ResolveAppeal': {
        const infraction = requireStatus(state, command, 'APPEALED');
        if (infraction.appeal?.appealId !== command.data.appealId) {
          throw domainError('APPEAL_NOT_FOUND', `no open appeal ${command.data.appealId}`);
        }
        if (infraction.validatedBy === by) {
          throw domainError('SAME_PERSON_CANNOT_RESOLVE_APPEAL', 'the person who validated may not resolve the appeal');
        }
        const reason = requireText(command.data.reason, 'REASON_REQUIRED', 'reason');
        const { appealId, outcome } = command.data;
        return [{ type: 'AppealResolved', data: { infractionId, appealId, outcome, reason, resolvedBy: by } }];
      }
      case 'RecordPayment': {
        if (state?.status === 'PAID') throw domainError('ALREADY_PAID', `infraction ${infractionId} is already paid`);
        const infraction = requireStatus(state, command, 'FINED');
        const due = infraction.fine!.amount;
        if (!sameMoney(command.data.amount, due)) {
          throw domainError('WRONG_AMOUNT', `the amount due is ${due.amountMinor} ${due.currency}`, { due, paid: command.data.amount });
        }
        const { paymentId, amount, paidAt } = command.data;
        return [{ type: 'PaymentRecorded', data: { infractionId, paymentId, amount, paidAt, receipt: command.data.receipt ?? null, recordedBy: by } }];
      }
      case 'CancelInfraction': {
        const infraction = requireStatus(state, command, ...NON_TERMINAL);
        const reason = requireText(command.data.reason, 'REASON_REQUIRED', 'reason');
        return [{ type: 'InfractionCancelled', data: { infractionId, reason, previousStatus: infraction.status, cancelledBy: by } }];
      }
      case 'ExpireInfraction': {
        // Running the expiry process twice (or on two instances) must be harmless.
        if (state?.status === 'EXPIRED') return [];
        const infraction = requireStatus(state, command, 'DETECTED');
        if (!isAfter(now, infraction.reviewDeadline)) {
          throw domainError('REVIEW_DEADLINE_NOT_REACHED', `the review deadline is ${infraction.reviewDeadline}`);
        }
        return [{ type: 'InfractionExpired', data: { infractionId, reviewDeadline: infraction.reviewDeadline, expiredAt: now } }];
      }
      case 'IdentifyOwner': {
        const infraction = requireStatus(state, command, ...NON_TERMINAL);
        const plate = normalizePlate(command.data.plate, policy.plateFormats);
        const text = plate.ok ? plate.plate : plate.compact;
        if (text !== infraction.plate) {
          throw domainError('PLATE_MISMATCH', `the registry answered for ${text}, the infraction's plate is ${infraction.plate}`);
        }
        const { registry, owner } = command.data;
        return [{ type: 'OwnerIdentified', data: { infractionId, plate: text, registry, owner } }];
      }
      default: {
        const unknown: never = command;
        throw domainError('INVALID_TRANSITION', `unknown command ${JSON.stringify(unknown)}`);
      }
    }
  };
}

export const decide = createDecide();

export function createInfractionDecider(
  policy: InfractionPolicy = DEFAULT_INFRACTION_POLICY,
): Decider<InfractionCommand, InfractionEvent, InfractionState> {
  return { decide: createDecide(policy), evolve, initialState };
}

export const infractionDecider = createInfractionDecider();
