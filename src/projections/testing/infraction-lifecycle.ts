// One infraction's life as people and services would live it, decided by the real
// decider: detection, then (usually) a review, a fine, payment or appeal, and sometimes
// an expiry, a cancellation or an owner look-up.
import type { Actor } from '../../domain/shared/actor.js';
import type { Command } from '../../domain/shared/message.js';
import type { InfractionCommand } from '../../domain/infraction/commands.js';
import { infractionDecider } from '../../domain/infraction/decide.js';
import type { InfractionEvent, InfractionType, RejectionReason } from '../../domain/infraction/events.js';
import * as build from '../../domain/testing/infraction-builders.js';
import type { Random } from './random.js';

export interface Lifecycle {
  infractionId: string;
  commands: InfractionCommand[];
  eventsPerCommand: InfractionEvent[][];
  /** When the commands after the detection happen (epoch ms). */
  decidedAt: number;
}

export interface LifecycleInput {
  infractionId: string;
  deviceId: string;
  zoneId: string;
  occurredAt: number;
  meta: (actor: Actor, at: number) => Command['metadata'];
}

const TYPES: InfractionType[] = ['SPEED_VIOLATION', 'SPEED_VIOLATION', 'SPEED_VIOLATION', 'RED_LIGHT', 'RED_LIGHT', 'LANE_INVASION', 'NO_SEATBELT', 'PHONE_USAGE', 'OTHER'];
const REASONS: RejectionReason[] = ['PLATE_UNREADABLE', 'FALSE_POSITIVE', 'EMERGENCY_VEHICLE', 'DUPLICATE', 'EVIDENCE_INSUFFICIENT', 'OTHER'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const operator = (random: Random): Actor => ({ kind: 'user', userId: `operator-${random.int(1, 6)}`, role: 'operator' });
const supervisor = (random: Random): Actor => ({ kind: 'user', userId: `supervisor-${random.int(1, 2)}`, role: 'supervisor' });

export function infractionLifecycle(random: Random, input: LifecycleInput): Lifecycle {
  const { infractionId, occurredAt } = input;
  const id = { infractionId };
  const type = random.pick(TYPES);
  const limitKmh = random.pick([40, 50, 60, 80]);
  const hash = Array.from({ length: 8 }, () => Math.floor(random.next() * 0xffffffff).toString(16).padStart(8, '0')).join('');
  const plate = random.chance(0.92) ? { text: random.plate(), confidence: random.float(0.5, 0.99), reader: 'tesseract.js@7/eng', format: 'PERU' } : null;
  const commands: InfractionCommand[] = [];
  let at = occurredAt + random.int(1_000, 5_000);
  let n = 0;
  const by = (actor: Actor, when: number) => ({ by: actor, at: new Date(when).toISOString(), commandId: input.meta(actor, when).commandId + `-${n++}` });
  const device: Actor = { kind: 'device', deviceId: input.deviceId };
  commands.push(
    build.recordDetected(
      {
        ...id,
        infractionType: type,
        deviceId: input.deviceId,
        zoneId: input.zoneId,
        occurredAt: new Date(occurredAt).toISOString(),
        plate,
        speed: type === 'SPEED_VIOLATION' ? { measuredKmh: limitKmh + random.int(6, 60), limitKmh, tolerance: { jurisdiction: 'PE', fixedKmh: 5 } } : null,
        evidence: [{ kind: 'SNAPSHOT', uri: `evidence/${infractionId}/snapshot.jpg`, sha256: hash }],
        trackId: `track-${occurredAt}`,
        lane: random.pick(['lane-1', 'lane-2']),
        observationId: null,
      },
      by(device, at),
    ),
  );
  const decidedAt = occurredAt + random.int(5 * 60_000, 48 * HOUR);
  at = decidedAt;
  const next = (minutes: number): number => (at += random.int(1, minutes) * 60_000);
  const roll = random.next();
  if (roll < 0.06) {
    commands.push(build.expire(id, by({ kind: 'service', name: 'expiry' }, occurredAt + 31 * DAY)));
  } else if (roll < 0.09) {
    commands.push(build.cancel({ ...id, reason: 'device found miscalibrated' }, by({ kind: 'user', userId: 'ada', role: 'admin' }, at)));
  } else if (roll < 0.3) {
    const reason = random.pick(REASONS);
    commands.push(build.reject({ ...id, reason, note: reason === 'OTHER' ? 'glare on the plate' : null }, by(operator(random), at)));
  } else {
    const reviewer = operator(random);
    if (plate === null) commands.push(build.correctPlate({ ...id, plate: random.plate(), reason: 'read from the clip' }, by(reviewer, at)));
    else if (plate.confidence < 0.7) commands.push(build.confirmPlate(id, by(reviewer, at)));
    commands.push(build.validate(id, by(reviewer, next(10))));
    if (random.chance(0.1)) {
      const owner = { algorithm: 'AES-256-GCM' as const, keyId: `person-${random.int(1, 999)}`, iv: 'aXY=', ciphertext: 'Y2lwaGVy', authTag: 'dGFn' };
      commands.push({ type: 'IdentifyOwner', data: { ...id, plate: '', registry: 'SUNARP', owner }, metadata: input.meta({ kind: 'service', name: 'registry' }, next(30)) });
    }
    if (random.chance(0.85)) lifeAfterFine(random, commands, id, by, next, reviewer);
  }
  return play(infractionId, commands, decidedAt);
}

function lifeAfterFine(
  random: Random,
  commands: InfractionCommand[],
  id: { infractionId: string },
  by: (actor: Actor, when: number) => build.By,
  next: (minutes: number) => number,
  reviewer: Actor,
): void {
  commands.push(build.issueFine({ ...id, schedule: build.SCHEDULE_V1 }, by(reviewer, next(60))));
  if (random.chance(0.12)) {
    commands.push(build.fileAppeal({ ...id, appealId: `appeal-${id.infractionId}`, grounds: 'I was not driving' }, by(operator(random), next(3 * 24 * 60))));
    const outcome = random.chance(0.4) ? 'ACCEPTED' : 'DISMISSED';
    commands.push(build.resolveAppeal({ ...id, appealId: `appeal-${id.infractionId}`, outcome, reason: 'reviewed the clip' }, by(supervisor(random), next(7 * 24 * 60))));
    if (outcome === 'ACCEPTED') return;
  }
  if (random.chance(0.65)) commands.push(build.recordPayment({ ...id, paymentId: `pay-${id.infractionId}`, amount: { amountMinor: 0, currency: 'PEN' } }, by(reviewer, next(14 * 24 * 60))));
}

/** Runs the commands through the decider, filling in what only the state knows (amounts, plates). */
function play(infractionId: string, commands: InfractionCommand[], decidedAt: number): Lifecycle {
  let state = infractionDecider.initialState;
  const eventsPerCommand: InfractionEvent[][] = [];
  for (const command of commands) {
    if (command.type === 'RecordPayment' && state?.fine) command.data.amount = state.fine.amount;
    if (command.type === 'IdentifyOwner' && state?.plate) command.data.plate = state.plate;
    if (command.type === 'RecordPayment') command.data.paidAt = command.metadata.now;
    const events = infractionDecider.decide(command, state);
    for (const event of events) state = infractionDecider.evolve(state, event);
    eventsPerCommand.push(events);
  }
  return { infractionId, commands, eventsPerCommand, decidedAt };
}
