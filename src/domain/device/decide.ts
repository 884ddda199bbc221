// The device decider: registration without clear-text credentials, calibration held to
// a reprojection-error threshold, and status changes.
import { authorise } from '../authorisation.js';
import { actorId } from '../shared/actor.js';
import type { Decider } from '../shared/decider.js';
import { domainError } from '../shared/errors.js';
import { solveHomography } from '../shared/homography.js';
import type { DeviceCommand } from './commands.js';
import type { DeviceEvent, DeviceStatus } from './events.js';
import { splitStreamCredentials } from './stream-url.js';

export interface DevicePolicy {
  /** Largest acceptable RMS reprojection error of a calibration, in metres. */
  maxCalibrationErrorMetres: number;
}

export const DEFAULT_DEVICE_POLICY: DevicePolicy = { maxCalibrationErrorMetres: 0.5 };

export interface RegisteredDevice {
  deviceId: string;
  zoneId: string;
  status: DeviceStatus;
  calibrated: boolean;
}

export type DeviceState = RegisteredDevice | null;
export const initialState: DeviceState = null;

function requireDevice(state: DeviceState, deviceId: string): RegisteredDevice {
  if (state === null) throw domainError('DEVICE_NOT_FOUND', `device ${deviceId} is not registered`);
  return state;
}

export function createDecide(policy: DevicePolicy = DEFAULT_DEVICE_POLICY) {
  return function decide(command: DeviceCommand, state: DeviceState): DeviceEvent[] {
    authorise(command);
    const { actor } = command.metadata;
    const by = actorId(actor);
    const { deviceId } = command.data;
    switch (command.type) {
      case 'RegisterDevice': {
        if (state !== null) throw domainError('DEVICE_ALREADY_REGISTERED', `device ${deviceId} is already registered`);
        const { url, hadCredentials } = splitStreamCredentials(command.data.streamUrl);
        const credentialsRef = command.data.credentialsRef ?? null;
        if (hadCredentials && !credentialsRef) {
          throw domainError('CREDENTIALS_REF_REQUIRED', 'store the stream credentials and pass their reference', { field: 'credentialsRef' });
        }
        const { zoneId, name } = command.data;
        return [{ type: 'DeviceRegistered', data: { deviceId, zoneId, name, streamUrl: url, credentialsRef, registeredBy: by } }];
      }
      case 'CalibrateDevice': {
        requireDevice(state, deviceId);
        const { referencePoints } = command.data;
        const solution = solveHomography(referencePoints);
        if (!solution.ok) {
          throw solution.reason === 'TOO_FEW_POINTS'
            ? domainError('CALIBRATION_POINTS_REQUIRED', 'calibration needs at least 4 image-ground point pairs', { points: referencePoints.length })
            : domainError('CALIBRATION_DEGENERATE', 'the reference points do not determine a homography (collinear or repeated)');
        }
        if (solution.error.rmsMetres > policy.maxCalibrationErrorMetres) {
          throw domainError('CALIBRATION_ERROR_TOO_HIGH', `reprojection error ${solution.error.rmsMetres.toFixed(3)} m is above ${policy.maxCalibrationErrorMetres} m`, {
            errorMetres: solution.error.rmsMetres,
            maxMetres: policy.maxCalibrationErrorMetres,
          });
        }
        return [
          {
            type: 'DeviceCalibrated',
            data: {
              deviceId,
              homography: solution.homography,
              referencePoints,
              reprojectionErrorMetres: solution.error.rmsMetres,
              maxErrorMetres: solution.error.maxMetres,
              calibratedBy: by,
            },
          },
        ];
      }
      case 'ChangeDeviceStatus': {
        const device = requireDevice(state, deviceId);
        const { status } = command.data;
        // The health monitor only marks a silent device STALE and a recovered one ACTIVE again;
        // it never overrides a person's MAINTENANCE or DISABLED.
        if (device.status === status) return [];
        const monitorMove = (status === 'STALE' && device.status === 'ACTIVE') || (status === 'ACTIVE' && device.status === 'STALE');
        if (actor.kind === 'service' && !monitorMove) {
          throw domainError('FORBIDDEN_ROLE', `${by} may not move a ${device.status} device to ${status}`, { actor: by });
        }
        return [
          {
            type: 'DeviceStatusChanged',
            data: { deviceId, status, previousStatus: device.status, reason: command.data.reason?.trim() || null, changedBy: by },
          },
        ];
      }
      default: {
        const unknown: never = command;
        throw domainError('INVALID_TRANSITION', `unknown command ${JSON.stringify(unknown)}`);
      }
    }
  };
}

export function evolve(state: DeviceState, event: DeviceEvent): DeviceState {
  if (event.type === 'DeviceRegistered') {
    return { deviceId: event.data.deviceId, zoneId: event.data.zoneId, status: 'ACTIVE', calibrated: false };
  }
  if (state === null) return state;
  switch (event.type) {
    case 'DeviceCalibrated':
      return { ...state, calibrated: true };
    case 'DeviceStatusChanged':
      return { ...state, status: event.data.status };
    default: {
      const _unknown: never = event;
      return state;
    }
  }
}

export const decide = createDecide();

export function createDeviceDecider(policy: DevicePolicy = DEFAULT_DEVICE_POLICY): Decider<DeviceCommand, DeviceEvent, DeviceState> {
  return { decide: createDecide(policy), evolve, initialState };
}

export const deviceDecider = createDeviceDecider();
