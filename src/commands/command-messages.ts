// The bus message class of every command type: what a resolver, the event writer or a test
// needs to send plain command data through the CommandBus (which routes by class).
import type { CommandBus } from '@nestjs/cqrs';
import type { DomainCommand } from '../domain/commands.js';
import type { IdentifyOwner, IssueFine } from '../domain/infraction/commands.js';
import type { ErasePersonalData } from '../personal-data/erasure.js';
import { CalibrateDeviceCommand } from './calibrate-device/command.js';
import { CancelInfractionCommand } from './cancel-infraction/command.js';
import { ChangeDeviceStatusCommand } from './change-device-status/command.js';
import { ConfirmPlateCommand } from './confirm-plate/command.js';
import { CorrectPlateCommand } from './correct-plate/command.js';
import { ErasePersonalDataCommand } from './erase-personal-data/command.js';
import { ExpireInfractionCommand } from './expire-infraction/command.js';
import { FileAppealCommand } from './file-appeal/command.js';
import { IdentifyOwnerCommand, type IdentifyOwnerRequest } from './identify-owner/command.js';
import { IssueFineCommand, type IssueFineRequest } from './issue-fine/command.js';
import { PublishFineScheduleCommand } from './publish-fine-schedule/command.js';
import { RecordHeartbeatCommand } from './record-heartbeat/command.js';
import { RecordInfractionDetectedCommand } from './record-infraction-detected/command.js';
import { RecordObservationCommand } from './record-observation/command.js';
import { RecordPaymentCommand } from './record-payment/command.js';
import { RegisterDeviceCommand } from './register-device/command.js';
import { RegisterZoneCommand } from './register-zone/command.js';
import { RejectInfractionCommand } from './reject-infraction/command.js';
import { ResolveAppealCommand } from './resolve-appeal/command.js';
import { SetLanesCommand } from './set-lanes/command.js';
import { SetSignalSourceCommand } from './set-signal-source/command.js';
import { SetSpeedLimitCommand } from './set-speed-limit/command.js';
import { SetStopLineCommand } from './set-stop-line/command.js';
import { ValidateInfractionCommand } from './validate-infraction/command.js';
import type { CommandMessage } from './runner/command-message.js';
import type { CommandOutcome } from './runner/run-command.js';

/** Every command the bus takes, as plain data. */
export type BusCommand = Exclude<DomainCommand, IssueFine | IdentifyOwner> | IssueFineRequest | IdentifyOwnerRequest | ErasePersonalData;
export type BusCommandType = BusCommand['type'];

type MessageClass<C> = new (command: C) => CommandMessage<C, unknown>;

export const COMMAND_MESSAGES: { [T in BusCommandType]: MessageClass<Extract<BusCommand, { type: T }>> } = {
  CalibrateDevice: CalibrateDeviceCommand,
  CancelInfraction: CancelInfractionCommand,
  ChangeDeviceStatus: ChangeDeviceStatusCommand,
  ConfirmPlate: ConfirmPlateCommand,
  CorrectPlate: CorrectPlateCommand,
  ErasePersonalData: ErasePersonalDataCommand,
  ExpireInfraction: ExpireInfractionCommand,
  FileAppeal: FileAppealCommand,
  IdentifyOwner: IdentifyOwnerCommand,
  IssueFine: IssueFineCommand,
  PublishFineSchedule: PublishFineScheduleCommand,
  RecordHeartbeat: RecordHeartbeatCommand,
  RecordInfractionDetected: RecordInfractionDetectedCommand,
  RecordObservation: RecordObservationCommand,
  RecordPayment: RecordPaymentCommand,
  RegisterDevice: RegisterDeviceCommand,
  RegisterZone: RegisterZoneCommand,
  RejectInfraction: RejectInfractionCommand,
  ResolveAppeal: ResolveAppealCommand,
  SetLanes: SetLanesCommand,
  SetSignalSource: SetSignalSourceCommand,
  SetSpeedLimit: SetSpeedLimitCommand,
  SetStopLine: SetStopLineCommand,
  ValidateInfraction: ValidateInfractionCommand,
};

export function toCommandMessage<C extends BusCommand>(command: C): CommandMessage<C, unknown> {
  const Message = COMMAND_MESSAGES[command.type] as unknown as MessageClass<C>;
  return new Message(command);
}

/** Sends plain command data through the bus; the result is the handler's outcome. */
export function send(bus: CommandBus, command: BusCommand): Promise<CommandOutcome<unknown>> {
  return bus.execute(toCommandMessage(command)) as Promise<CommandOutcome<unknown>>;
}
