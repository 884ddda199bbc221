// Who may run which command: one table, used by every decider (so a rule holds whoever
// calls decide) and by the command runner (to refuse before loading a stream).
// Auditors read only; devices and services run only the ingest and housekeeping commands.
import { actorId, type Actor, type Role } from './shared/actor.js';
import { domainError } from './shared/errors.js';
import type { DomainCommand, DomainCommandType } from './commands.js';

export interface Permission {
  roles: readonly Role[];
  /** A camera device, and only about itself (its deviceId in the command's data). */
  device: boolean;
  /** An internal service (writer, expiry process, registry enrichment, health monitor). */
  service: boolean;
}

const people = (...roles: Role[]): Permission => ({ roles, device: false, service: false });
const ingest: Permission = { roles: [], device: true, service: true };
const REVIEWERS: Role[] = ['operator', 'supervisor'];

export const PERMISSIONS: Readonly<Record<DomainCommandType, Permission>> = {
  RecordInfractionDetected: ingest,
  ConfirmPlate: people(...REVIEWERS),
  CorrectPlate: people(...REVIEWERS),
  ValidateInfraction: people(...REVIEWERS),
  RejectInfraction: people(...REVIEWERS),
  IssueFine: people(...REVIEWERS),
  FileAppeal: people(...REVIEWERS),
  ResolveAppeal: people('supervisor'),
  RecordPayment: people(...REVIEWERS),
  CancelInfraction: people('admin'),
  ExpireInfraction: { roles: ['admin'], device: false, service: true },
  // The registry enrichment is a service; a reviewer may also enter a registry answer.
  IdentifyOwner: { roles: REVIEWERS, device: false, service: true },
  RegisterDevice: people('admin'),
  CalibrateDevice: people('admin', 'supervisor'),
  // The health monitor (a service) may only mark STALE and back: see device/decide.ts.
  ChangeDeviceStatus: { roles: ['admin', 'supervisor'], device: false, service: true },
  RegisterZone: people('admin'),
  SetSpeedLimit: people('admin', 'supervisor'),
  SetLanes: people('admin', 'supervisor'),
  SetStopLine: people('admin', 'supervisor'),
  SetSignalSource: people('admin', 'supervisor'),
  RecordObservation: ingest,
  RecordHeartbeat: ingest,
  PublishFineSchedule: people('admin'),
};

export function mayRun(actor: Actor, commandType: DomainCommandType): boolean {
  const permission = PERMISSIONS[commandType];
  switch (actor.kind) {
    case 'user':
      return permission.roles.includes(actor.role);
    case 'device':
      return permission.device;
    case 'service':
      return permission.service;
  }
}

/** Throws FORBIDDEN_ROLE, or DEVICE_MISMATCH when a device speaks for another device. */
export function authorise(command: DomainCommand): void {
  const { actor } = command.metadata;
  if (!mayRun(actor, command.type)) {
    throw domainError('FORBIDDEN_ROLE', `${actorId(actor)} may not run ${command.type}`, {
      actor: actorId(actor),
      command: command.type,
    });
  }
  if (actor.kind === 'device' && 'deviceId' in command.data && command.data.deviceId !== actor.deviceId) {
    throw domainError('DEVICE_MISMATCH', `device ${actor.deviceId} may not report for device ${command.data.deviceId}`, {
      actor: actorId(actor),
      deviceId: command.data.deviceId,
    });
  }
}
