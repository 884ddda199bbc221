// Every command's handler, one per command folder; the write-side module registers them all.
import { CalibrateDeviceHandler } from './calibrate-device/handler.js';
import { CancelInfractionHandler } from './cancel-infraction/handler.js';
import { ChangeDeviceStatusHandler } from './change-device-status/handler.js';
import { ConfirmPlateHandler } from './confirm-plate/handler.js';
import { CorrectPlateHandler } from './correct-plate/handler.js';
import { ErasePersonalDataHandler } from './erase-personal-data/handler.js';
import { ExpireInfractionHandler } from './expire-infraction/handler.js';
import { FileAppealHandler } from './file-appeal/handler.js';
import { IdentifyOwnerHandler } from './identify-owner/handler.js';
import { IssueFineHandler } from './issue-fine/handler.js';
import { PublishFineScheduleHandler } from './publish-fine-schedule/handler.js';
import { RecordHeartbeatHandler } from './record-heartbeat/handler.js';
import { RecordInfractionDetectedHandler } from './record-infraction-detected/handler.js';
import { RecordObservationHandler } from './record-observation/handler.js';
import { RecordPaymentHandler } from './record-payment/handler.js';
import { RegisterDeviceHandler } from './register-device/handler.js';
import { RegisterZoneHandler } from './register-zone/handler.js';
import { RejectInfractionHandler } from './reject-infraction/handler.js';
import { ResolveAppealHandler } from './resolve-appeal/handler.js';
import { SetLanesHandler } from './set-lanes/handler.js';
import { SetSignalSourceHandler } from './set-signal-source/handler.js';
import { SetSpeedLimitHandler } from './set-speed-limit/handler.js';
import { SetStopLineHandler } from './set-stop-line/handler.js';
import { ValidateInfractionHandler } from './validate-infraction/handler.js';

export const COMMAND_HANDLERS = [
  RecordInfractionDetectedHandler,
  ConfirmPlateHandler,
  CorrectPlateHandler,
  ValidateInfractionHandler,
  RejectInfractionHandler,
  IssueFineHandler,
  FileAppealHandler,
  ResolveAppealHandler,
  RecordPaymentHandler,
  CancelInfractionHandler,
  ExpireInfractionHandler,
  IdentifyOwnerHandler,
  RegisterDeviceHandler,
  CalibrateDeviceHandler,
  ChangeDeviceStatusHandler,
  RecordHeartbeatHandler,
  RegisterZoneHandler,
  SetSpeedLimitHandler,
  SetLanesHandler,
  SetStopLineHandler,
  SetSignalSourceHandler,
  PublishFineScheduleHandler,
  RecordObservationHandler,
  ErasePersonalDataHandler,
];
