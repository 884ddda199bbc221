// A camera device: its zone, its calibration and its status. Stream: `device-<deviceId>`.
// Heartbeats do not go here (see observation/events.ts): the device stream stays short.
import type { DomainEvent } from '../shared/message.js';
import type { Homography, PointPair } from '../shared/homography.js';

export const DEVICE_STATUSES = ['ACTIVE', 'MAINTENANCE', 'DISABLED', 'STALE'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export type DeviceRegistered = DomainEvent<
  'DeviceRegistered',
  {
    deviceId: string;
    zoneId: string;
    name: string;
    /** The stream URL with any user:password removed. */
    streamUrl: string;
    /** Where the stream credentials are kept (a secret store key), null when it needs none. */
    credentialsRef: string | null;
    registeredBy: string;
  }
>;

export type DeviceCalibrated = DomainEvent<
  'DeviceCalibrated',
  {
    deviceId: string;
    /** Image pixels -> ground metres, row-major. */
    homography: Homography;
    referencePoints: PointPair[];
    reprojectionErrorMetres: number;
    maxErrorMetres: number;
    calibratedBy: string;
  }
>;

export type DeviceStatusChanged = DomainEvent<
  'DeviceStatusChanged',
  { deviceId: string; status: DeviceStatus; previousStatus: DeviceStatus; reason: string | null; changedBy: string }
>;

export type DeviceEvent = DeviceRegistered | DeviceCalibrated | DeviceStatusChanged;
export const DEVICE_EVENT_TYPES = ['DeviceRegistered', 'DeviceCalibrated', 'DeviceStatusChanged'] as const satisfies readonly DeviceEvent['type'][];

export const deviceStream = (deviceId: string): string => `device-${deviceId}`;
