// Who may run which command: the specification the role-matrix test walks through the
// CommandBus and that src/commands/README.md shows. Written out here on purpose, apart
// from the domain's PERMISSIONS, so that a change to either one fails a test.
import type { BusCommandType } from '../command-messages.js';

export const ACTOR_KINDS = ['admin', 'supervisor', 'operator', 'auditor', 'device', 'service'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

const REVIEWERS: ActorKind[] = ['supervisor', 'operator'];
const INGEST: ActorKind[] = ['device', 'service'];
const SETUP: ActorKind[] = ['admin', 'supervisor'];

export const ROLE_MATRIX: Readonly<Record<BusCommandType, readonly ActorKind[]>> = {
  RecordInfractionDetected: INGEST,
  ConfirmPlate: REVIEWERS,
  CorrectPlate: REVIEWERS,
  ValidateInfraction: REVIEWERS,
  RejectInfraction: REVIEWERS,
  IssueFine: REVIEWERS,
  FileAppeal: REVIEWERS,
  ResolveAppeal: ['supervisor'],
  RecordPayment: REVIEWERS,
  CancelInfraction: ['admin'],
  ExpireInfraction: ['admin', 'service'],
  IdentifyOwner: [...REVIEWERS, 'service'],
  RegisterDevice: ['admin'],
  CalibrateDevice: SETUP,
  ChangeDeviceStatus: [...SETUP, 'service'],
  RecordHeartbeat: INGEST,
  RegisterZone: ['admin'],
  SetSpeedLimit: SETUP,
  SetLanes: SETUP,
  SetStopLine: SETUP,
  SetSignalSource: SETUP,
  PublishFineSchedule: ['admin'],
  RecordObservation: INGEST,
  ErasePersonalData: ['admin'],
};

/** The README's table, one row per command. */
export function roleMatrixMarkdown(): string {
  const header = `| command | ${ACTOR_KINDS.join(' | ')} |`;
  const rule = `|---|${ACTOR_KINDS.map(() => ':-:').join('|')}|`;
  const rows = Object.entries(ROLE_MATRIX).map(
    ([command, allowed]) => `| ${command} | ${ACTOR_KINDS.map((kind) => (allowed.includes(kind) ? 'yes' : '—')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
