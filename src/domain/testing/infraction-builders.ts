// Infraction commands with sensible defaults, and histories that reach each status by
// running the real decider (so a history can never be one the rules would refuse).
import type { Actor } from '../shared/actor.js';
import type { Command } from '../shared/message.js';
import type { FineScheduleVersion } from '../fine-schedule/events.js';
import type * as C from '../infraction/commands.js';
import { infractionDecider } from '../infraction/decide.js';
import type { InfractionEvent } from '../infraction/events.js';
import type { InfractionStatus } from '../infraction/state.js';
import { admin, device, meta, operator, service, supervisor } from './actors.js';

export const INFRACTION_ID = 'inf-1';
export const OCCURRED_AT = '2026-03-01T08:00:00.000Z';
export const REVIEW_DEADLINE = '2026-03-31T08:00:00.000Z';
export const WITHIN_REVIEW = '2026-03-02T09:00:00.000Z';
export const AFTER_REVIEW = '2026-04-15T00:00:00.000Z';
export const EVIDENCE_HASH = 'a3f1'.repeat(16);

export const SCHEDULE_V1: FineScheduleVersion = {
  version: 1,
  currency: 'PEN',
  effectiveFrom: '2026-01-01T00:00:00.000Z',
  amountsByType: { RED_LIGHT: 50_000, LANE_INVASION: 20_000, NO_SEATBELT: 15_000, PHONE_USAGE: 25_000, OTHER: 10_000 },
  speedBands: [
    { minExcessKmh: 0, amountMinor: 20_000 },
    { minExcessKmh: 10, amountMinor: 40_000 },
    { minExcessKmh: 30, amountMinor: 100_000 },
  ],
};

export interface By {
  by?: Actor;
  at?: string;
  commandId?: string;
}

function build<T extends string, D>(type: T, data: D, defaultActor: Actor, options: By): Command<T, D> {
  return { type, data, metadata: meta(options.by ?? defaultActor, options.at ?? WITHIN_REVIEW, options.commandId ?? `cmd-${type}`) };
}

type Data<X> = X extends Command<string, infer D> ? D : never;
type Builder<X extends C.InfractionCommand> = (data?: Partial<Data<X>>, options?: By) => X;

function builder<X extends C.InfractionCommand>(type: X['type'], defaults: Data<X>, defaultActor: () => Actor): Builder<X> {
  return (data = {}, options = {}) => build(type, { ...defaults, ...data }, defaultActor(), options) as unknown as X;
}

const id = { infractionId: INFRACTION_ID };

export const recordDetected = builder<C.RecordInfractionDetected>(
  'RecordInfractionDetected',
  {
    ...id,
    infractionType: 'SPEED_VIOLATION',
    deviceId: 'cam-1',
    zoneId: 'zone-1',
    occurredAt: OCCURRED_AT,
    plate: { text: 'ABC-123', confidence: 0.92, reader: 'tesseract.js@7/eng', format: 'PERU' },
    speed: { measuredKmh: 75, limitKmh: 60, tolerance: { jurisdiction: 'PE', fixedKmh: 5 } },
    evidence: [{ kind: 'SNAPSHOT', uri: 'evidence/inf-1/snapshot.jpg', sha256: EVIDENCE_HASH }],
    trackId: 'track-7',
    lane: 'lane-1',
    observationId: 'obs-1',
  },
  () => device('cam-1'),
);
export const confirmPlate = builder<C.ConfirmPlate>('ConfirmPlate', id, () => operator());
export const correctPlate = builder<C.CorrectPlate>('CorrectPlate', { ...id, plate: 'ABD1E23', reason: 'OCR misread' }, () => operator());
export const validate = builder<C.ValidateInfraction>('ValidateInfraction', id, () => operator());
export const reject = builder<C.RejectInfraction>('RejectInfraction', { ...id, reason: 'FALSE_POSITIVE' }, () => operator());
export const issueFine = builder<C.IssueFine>('IssueFine', { ...id, schedule: SCHEDULE_V1 }, () => operator());
export const fileAppeal = builder<C.FileAppeal>('FileAppeal', { ...id, appealId: 'appeal-1', grounds: 'I was not driving' }, () => operator());
export const resolveAppeal = builder<C.ResolveAppeal>(
  'ResolveAppeal',
  { ...id, appealId: 'appeal-1', outcome: 'DISMISSED', reason: 'evidence is clear' },
  () => supervisor(),
);
export const recordPayment = builder<C.RecordPayment>(
  'RecordPayment',
  { ...id, paymentId: 'pay-1', amount: { amountMinor: 20_000, currency: 'PEN' }, paidAt: '2026-03-10T12:00:00.000Z', receipt: 'R-1' },
  () => operator(),
);
export const cancel = builder<C.CancelInfraction>('CancelInfraction', { ...id, reason: 'device found miscalibrated' }, () => admin());
export const expire = builder<C.ExpireInfraction>('ExpireInfraction', id, () => service('expiry'));
export const identifyOwner = builder<C.IdentifyOwner>(
  'IdentifyOwner',
  {
    ...id,
    plate: 'ABC-123',
    registry: 'SUNARP',
    owner: { algorithm: 'AES-256-GCM', keyId: 'person-key-1', iv: 'aXY=', ciphertext: 'Y2lwaGVy', authTag: 'dGFn' },
  },
  () => service('registry'),
);

/** Every command once, with its default actor: the columns of the transition matrix. */
export const ONE_OF_EACH_COMMAND: readonly C.InfractionCommand[] = [
  recordDetected(),
  confirmPlate(),
  correctPlate(),
  validate(),
  reject(),
  issueFine(),
  fileAppeal(),
  resolveAppeal(),
  recordPayment(),
  cancel(),
  expire({}, { at: AFTER_REVIEW }),
  identifyOwner(),
];

function play(commands: C.InfractionCommand[]): InfractionEvent[] {
  const events: InfractionEvent[] = [];
  let state = infractionDecider.initialState;
  for (const command of commands) {
    for (const event of infractionDecider.decide(command, state)) {
      events.push(event);
      state = infractionDecider.evolve(state, event);
    }
  }
  return events;
}

const PATHS: Record<InfractionStatus, () => C.InfractionCommand[]> = {
  DETECTED: () => [recordDetected()],
  VALIDATED: () => [...PATHS.DETECTED(), validate()],
  REJECTED: () => [...PATHS.DETECTED(), reject()],
  FINED: () => [...PATHS.VALIDATED(), issueFine()],
  APPEALED: () => [...PATHS.FINED(), fileAppeal()],
  PAID: () => [...PATHS.FINED(), recordPayment()],
  CANCELLED: () => [...PATHS.DETECTED(), cancel()],
  EXPIRED: () => [...PATHS.DETECTED(), expire({}, { at: AFTER_REVIEW })],
};

/** The events of an infraction that has just reached `status` by the usual path. */
export function historyUntil(status: InfractionStatus): InfractionEvent[] {
  return play(PATHS[status]());
}

/** The events produced by running `commands` in order from nothing. */
export const historyOf = (...commands: C.InfractionCommand[]): InfractionEvent[] => play(commands);
