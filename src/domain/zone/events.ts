// A road zone watched by cameras: limit, lanes, stop line and signal. Stream: `zone-<zoneId>`.
import type { DomainEvent } from '../shared/message.js';
import type { Point, Segment } from '../shared/geometry.js';

export interface Lane {
  laneId: string;
  name: string;
  /** Image coordinates (pixels) of the device watching the zone. */
  polygon: Point[];
}

/** Where the red-light rule learns the signal state. */
export type SignalSource =
  | { kind: 'FRAME_REGION'; region: { x: number; y: number; width: number; height: number } }
  | {
      kind: 'TIMETABLE';
      /** ISO-8601 instant at which a cycle starts with green. */
      anchor: string;
      greenSeconds: number;
      amberSeconds: number;
      redSeconds: number;
    };

export type ZoneRegistered = DomainEvent<
  'ZoneRegistered',
  { zoneId: string; name: string; speedLimitKmh: number; jurisdiction: string; registeredBy: string }
>;

export type ZoneSpeedLimitSet = DomainEvent<
  'ZoneSpeedLimitSet',
  { zoneId: string; speedLimitKmh: number; previousSpeedLimitKmh: number; setBy: string }
>;

export type ZoneLanesSet = DomainEvent<'ZoneLanesSet', { zoneId: string; lanes: Lane[]; setBy: string }>;

export type ZoneStopLineSet = DomainEvent<'ZoneStopLineSet', { zoneId: string; stopLine: Segment; setBy: string }>;

export type ZoneSignalSourceSet = DomainEvent<
  'ZoneSignalSourceSet',
  { zoneId: string; signalSource: SignalSource; setBy: string }
>;

export type ZoneEvent = ZoneRegistered | ZoneSpeedLimitSet | ZoneLanesSet | ZoneStopLineSet | ZoneSignalSourceSet;
export const ZONE_EVENT_TYPES = [
  'ZoneRegistered',
  'ZoneSpeedLimitSet',
  'ZoneLanesSet',
  'ZoneStopLineSet',
  'ZoneSignalSourceSet',
] as const satisfies readonly ZoneEvent['type'][];

export const zoneStream = (zoneId: string): string => `zone-${zoneId}`;
