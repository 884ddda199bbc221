import type { Command } from '../shared/message.js';
import type { DeviceHeartbeatRecorded, ObservationRecorded } from './events.js';

/** Idempotent by observationId: a redelivered observation appends nothing. */
export type RecordObservation = Command<'RecordObservation', ObservationRecorded['data']>;
export type RecordHeartbeat = Command<'RecordHeartbeat', DeviceHeartbeatRecorded['data']>;

export type ObservationCommand = RecordObservation | RecordHeartbeat;
export const OBSERVATION_COMMAND_TYPES = ['RecordObservation', 'RecordHeartbeat'] as const satisfies readonly ObservationCommand['type'][];
