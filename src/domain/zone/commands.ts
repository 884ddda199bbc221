import type { Command } from '../shared/message.js';
import type { Segment } from '../shared/geometry.js';
import type { Lane, SignalSource } from './events.js';

export type RegisterZone = Command<
  'RegisterZone',
  { zoneId: string; name: string; speedLimitKmh: number; jurisdiction: string }
>;
export type SetSpeedLimit = Command<'SetSpeedLimit', { zoneId: string; speedLimitKmh: number }>;
export type SetLanes = Command<'SetLanes', { zoneId: string; lanes: Lane[] }>;
export type SetStopLine = Command<'SetStopLine', { zoneId: string; stopLine: Segment }>;
export type SetSignalSource = Command<'SetSignalSource', { zoneId: string; signalSource: SignalSource }>;

export type ZoneCommand = RegisterZone | SetSpeedLimit | SetLanes | SetStopLine | SetSignalSource;
export const ZONE_COMMAND_TYPES = [
  'RegisterZone',
  'SetSpeedLimit',
  'SetLanes',
  'SetStopLine',
  'SetSignalSource',
] as const satisfies readonly ZoneCommand['type'][];
