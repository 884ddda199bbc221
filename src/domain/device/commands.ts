import type { Command } from '../shared/message.js';
import type { PointPair } from '../shared/homography.js';
import type { DeviceStatus } from './events.js';

/**
 * `streamUrl` may arrive with credentials (rtsp://user:pass@host/...): the handler stores
 * them in the secret store first and passes the key as `credentialsRef`; the decider
 * strips them from the URL and refuses a URL with credentials but no reference.
 */
export type RegisterDevice = Command<
  'RegisterDevice',
  { deviceId: string; zoneId: string; name: string; streamUrl: string; credentialsRef?: string | null }
>;

export type CalibrateDevice = Command<'CalibrateDevice', { deviceId: string; referencePoints: PointPair[] }>;

export type ChangeDeviceStatus = Command<
  'ChangeDeviceStatus',
  { deviceId: string; status: DeviceStatus; reason?: string | null }
>;

export type DeviceCommand = RegisterDevice | CalibrateDevice | ChangeDeviceStatus;
export const DEVICE_COMMAND_TYPES = ['RegisterDevice', 'CalibrateDevice', 'ChangeDeviceStatus'] as const satisfies readonly DeviceCommand['type'][];
