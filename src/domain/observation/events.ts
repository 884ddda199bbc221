// What a device saw, one event per vehicle passage, and its heartbeats.
// Stream: `observations-<deviceId>-<yyyy-mm-dd>` (UTC day of the observation).
// Heartbeats live here rather than in `device-<id>`: at one every few seconds they would
// make every device command fold thousands of events; a day stream is bounded and is
// already written by the same device.
import type { DomainEvent } from '../shared/message.js';
import type { PlateRead } from '../infraction/events.js';

export type ObservationRecorded = DomainEvent<
  'ObservationRecorded',
  {
    observationId: string;
    deviceId: string;
    trackId: string;
    /** ISO-8601 instant the vehicle passed. */
    observedAt: string;
    plate: PlateRead | null;
    speedKmh: number | null;
    lane: string | null;
  }
>;

export type DeviceHeartbeatRecorded = DomainEvent<
  'DeviceHeartbeatRecorded',
  { deviceId: string; at: string; fps: number; latencyMs: number }
>;

export type ObservationEvent = ObservationRecorded | DeviceHeartbeatRecorded;
export const OBSERVATION_EVENT_TYPES = ['ObservationRecorded', 'DeviceHeartbeatRecorded'] as const satisfies readonly ObservationEvent['type'][];

/** The day stream of a device; the day is the UTC date of `at`. */
export function observationsStream(deviceId: string, at: string): string {
  return `observations-${deviceId}-${new Date(at).toISOString().slice(0, 10)}`;
}
