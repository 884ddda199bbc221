// The role matrix, written out here independently of PERMISSIONS (and copied in
// src/domain/README.md), walked cell by cell, and through the infraction decider itself.
import { describe, expect, it } from 'vitest';
import { authorise, mayRun, PERMISSIONS } from './authorisation.js';
import type { DomainCommandType } from './commands.js';
import { actorId, type Actor } from './shared/actor.js';
import { fold } from './shared/decider.js';
import { isDomainError } from './shared/errors.js';
import { admin, auditor, device, EVERY_ACTOR, operator, service, supervisor } from './testing/actors.js';
import { ONE_OF_EACH_COMMAND, historyUntil, recordDetected } from './testing/infraction-builders.js';
import { infractionDecider } from './infraction/decide.js';
import type { InfractionStatus } from './infraction/state.js';

const MATRIX = `
command                   admin supervisor operator auditor device service
RecordInfractionDetected  -     -          -        -       yes    yes
ConfirmPlate              -     yes        yes      -       -      -
CorrectPlate              -     yes        yes      -       -      -
ValidateInfraction        -     yes        yes      -       -      -
RejectInfraction          -     yes        yes      -       -      -
IssueFine                 -     yes        yes      -       -      -
FileAppeal                -     yes        yes      -       -      -
ResolveAppeal             -     yes        -        -       -      -
RecordPayment             -     yes        yes      -       -      -
CancelInfraction          yes   -          -        -       -      -
ExpireInfraction          yes   -          -        -       -      yes
IdentifyOwner             -     yes        yes      -       -      yes
RegisterDevice            yes   -          -        -       -      -
CalibrateDevice           yes   yes        -        -       -      -
ChangeDeviceStatus        yes   yes        -        -       -      yes
RegisterZone              yes   -          -        -       -      -
SetSpeedLimit             yes   yes        -        -       -      -
SetLanes                  yes   yes        -        -       -      -
SetStopLine               yes   yes        -        -       -      -
SetSignalSource           yes   yes        -        -       -      -
RecordObservation         -     -          -        -       yes    yes
RecordHeartbeat           -     -          -        -       yes    yes
PublishFineSchedule       yes   -          -        -       -      -
`;

const COLUMNS: Actor[] = [admin(), supervisor(), operator(), auditor(), device(), service()];
const rows = MATRIX.trim()
  .split('\n')
  .slice(1)
  .map((line) => line.trim().split(/\s+/));

describe('role matrix', () => {
  it('lists every command exactly once', () => {
    expect(rows.map(([command]) => command).sort()).toEqual(Object.keys(PERMISSIONS).sort());
  });

  for (const [command, ...cells] of rows) {
    COLUMNS.forEach((actor, i) => {
      const allowed = cells[i] === 'yes';
      it(`${command}: ${actorId(actor)} ${allowed ? 'may' : 'may not'} run it`, () => {
        expect(mayRun(actor, command as DomainCommandType)).toBe(allowed);
      });
    });
  }

  it('auditors may run no command at all', () => {
    expect(Object.keys(PERMISSIONS).filter((type) => mayRun(auditor(), type as DomainCommandType))).toEqual([]);
  });

  it('a device may not report for another device', () => {
    expect(() => authorise(recordDetected({ deviceId: 'cam-2' }, { by: device('cam-1') }))).toThrow(
      expect.objectContaining({ code: 'DEVICE_MISMATCH' }),
    );
  });
});

// The status in which each infraction command is otherwise allowed.
const ALLOWED_IN: Record<string, InfractionStatus | null> = {
  RecordInfractionDetected: null,
  ConfirmPlate: 'DETECTED',
  CorrectPlate: 'DETECTED',
  ValidateInfraction: 'DETECTED',
  RejectInfraction: 'DETECTED',
  IssueFine: 'VALIDATED',
  FileAppeal: 'FINED',
  ResolveAppeal: 'APPEALED',
  RecordPayment: 'FINED',
  CancelInfraction: 'DETECTED',
  ExpireInfraction: 'DETECTED',
  IdentifyOwner: 'VALIDATED',
};

describe('the infraction decider enforces the matrix', () => {
  for (const template of ONE_OF_EACH_COMMAND) {
    const from = ALLOWED_IN[template.type]!;
    const state = fold(infractionDecider, from === null ? [] : historyUntil(from));
    for (const actor of EVERY_ACTOR) {
      const command = { ...template, metadata: { ...template.metadata, actor } };
      const allowed = mayRun(actor, template.type);
      it(`${template.type} by ${actorId(actor)}: ${allowed ? 'decided' : 'FORBIDDEN_ROLE'}`, () => {
        let code: string | null = null;
        try {
          infractionDecider.decide(command, state);
        } catch (error) {
          if (!isDomainError(error)) throw error;
          code = error.code;
        }
        expect(code).toBe(allowed ? null : 'FORBIDDEN_ROLE');
      });
    }
  }
});
