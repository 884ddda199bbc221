// The whole lifecycle as a matrix: every status (and "no stream yet") against every
// command, each cell either the status it leads to, a no-op, or the refusal expected.
import { describe, expect, it } from 'vitest';
import { fold } from '../shared/decider.js';
import { isDomainError, type DomainErrorCode } from '../shared/errors.js';
import { ONE_OF_EACH_COMMAND, historyUntil } from '../testing/infraction-builders.js';
import type { InfractionCommandType } from './commands.js';
import { infractionDecider } from './decide.js';
import type { InfractionEvent } from './events.js';
import { INFRACTION_STATUSES, type InfractionStatus } from './state.js';

type Outcome = InfractionStatus | 'NO_OP' | DomainErrorCode;
type Row = Record<InfractionCommandType, Outcome>;

const X = 'INVALID_TRANSITION';
const refuseAll = (code: DomainErrorCode): Row => ({
  RecordInfractionDetected: 'NO_OP',
  ConfirmPlate: code,
  CorrectPlate: code,
  ValidateInfraction: code,
  RejectInfraction: code,
  IssueFine: code,
  FileAppeal: code,
  ResolveAppeal: code,
  RecordPayment: code,
  CancelInfraction: code,
  ExpireInfraction: code,
  IdentifyOwner: code,
});

const EXPECTED: Record<InfractionStatus | 'NONE', Row> = {
  NONE: { ...refuseAll('INFRACTION_NOT_FOUND'), RecordInfractionDetected: 'DETECTED' },
  DETECTED: {
    ...refuseAll(X),
    ConfirmPlate: 'DETECTED',
    CorrectPlate: 'DETECTED',
    ValidateInfraction: 'VALIDATED',
    RejectInfraction: 'REJECTED',
    CancelInfraction: 'CANCELLED',
    ExpireInfraction: 'EXPIRED',
    IdentifyOwner: 'DETECTED',
  },
  VALIDATED: { ...refuseAll(X), IssueFine: 'FINED', CancelInfraction: 'CANCELLED', IdentifyOwner: 'VALIDATED' },
  FINED: { ...refuseAll(X), FileAppeal: 'APPEALED', RecordPayment: 'PAID', CancelInfraction: 'CANCELLED', IdentifyOwner: 'FINED' },
  APPEALED: { ...refuseAll(X), ResolveAppeal: 'FINED', CancelInfraction: 'CANCELLED', IdentifyOwner: 'APPEALED' },
  PAID: { ...refuseAll(X), RecordPayment: 'ALREADY_PAID' },
  REJECTED: refuseAll(X),
  CANCELLED: refuseAll(X),
  EXPIRED: { ...refuseAll(X), ExpireInfraction: 'NO_OP' },
};

function outcome(history: InfractionEvent[], command: (typeof ONE_OF_EACH_COMMAND)[number]): Outcome {
  const state = fold(infractionDecider, history);
  try {
    const events = infractionDecider.decide(command, state);
    if (events.length === 0) return 'NO_OP';
    const after = events.reduce(infractionDecider.evolve, state);
    return after!.status;
  } catch (error) {
    if (isDomainError(error)) return error.code as DomainErrorCode;
    throw error;
  }
}

describe('infraction transition matrix', () => {
  for (const from of ['NONE', ...INFRACTION_STATUSES] as const) {
    const history = from === 'NONE' ? [] : historyUntil(from);
    for (const command of ONE_OF_EACH_COMMAND) {
      const expected = EXPECTED[from][command.type];
      it(`${from} × ${command.type} → ${expected}`, () => {
        expect(outcome(history, command)).toBe(expected);
      });
    }
  }

  it('the history builders really reach each status', () => {
    for (const status of INFRACTION_STATUSES) expect(fold(infractionDecider, historyUntil(status))?.status).toBe(status);
  });
});
