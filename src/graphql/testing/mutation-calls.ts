// One well-formed call of every mutation, on fresh ids, with the domain command it sends:
// what the role matrix walks. A device token's subject is `device-1`, so device-scoped
// calls name that device (a device may only speak for itself).
import { randomUUID } from 'node:crypto';
import type { DomainCommandType } from '../../domain/commands.js';
import { detection, SCHEDULE } from './operations.js';

export interface MutationCall {
  field: string;
  /** The domain command it sends; ErasePersonalData is the personal-data module's own (admin only). */
  command: DomainCommandType | 'ErasePersonalData';
  document: string;
  variables: () => Record<string, unknown>;
}

const fresh = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;
const call = (field: string, command: MutationCall['command'], params: string, args: string, variables: () => Record<string, unknown>): MutationCall => ({
  field,
  command,
  document: `mutation($commandId: ID!${params}) { ${field}(commandId: $commandId${args}) { commandId revision events } }`,
  variables,
});
const onInfraction = (field: string, command: DomainCommandType, args = '', extra: Record<string, unknown> = {}, params = '') =>
  call(field, command, `, $id: ID!${params}`, `, infractionId: $id${args}`, () => ({ id: fresh('inf'), ...extra }));
const point = (x: number, y: number) => ({ x, y });

export const MUTATION_CALLS: readonly MutationCall[] = [
  call('recordInfractionDetected', 'RecordInfractionDetected', ', $input: RecordInfractionDetectedInput!', ', input: $input', () => ({ input: detection({ infractionId: fresh('inf') }) })),
  onInfraction('confirmPlate', 'ConfirmPlate'),
  onInfraction('correctPlate', 'CorrectPlate', ', plate: "XYZ-999", reason: "typo"'),
  onInfraction('validateInfraction', 'ValidateInfraction'),
  onInfraction('rejectInfraction', 'RejectInfraction', ', reason: FALSE_POSITIVE'),
  onInfraction('issueFine', 'IssueFine'),
  onInfraction('fileAppeal', 'FileAppeal', ', appealId: "a-1", grounds: "not me"'),
  onInfraction('resolveAppeal', 'ResolveAppeal', ', appealId: "a-1", outcome: ACCEPTED, reason: "fair"'),
  onInfraction('recordPayment', 'RecordPayment', ', paymentId: "p-1", amount: { amountMinor: 100, currency: "PEN" }, paidAt: "2026-01-01T00:00:00Z"'),
  onInfraction('cancelInfraction', 'CancelInfraction', ', reason: "duplicate camera"'),
  onInfraction('expireInfraction', 'ExpireInfraction'),
  onInfraction('identifyOwner', 'IdentifyOwner', ', plate: "ABC-123", registry: "SUNARP", owner: { name: "Ana Diaz", documentType: "DNI", documentNumber: "12345678" }'),
  call('registerDevice', 'RegisterDevice', '', ', deviceId: "cam-9", zoneId: "zone-1", name: "north", streamUrl: "rtsp://10.0.0.9/stream"', () => ({})),
  call('calibrateDevice', 'CalibrateDevice', ', $points: [ReferencePointInput!]!', ', deviceId: "device-1", referencePoints: $points', () => ({
    points: [
      { image: point(0, 0), ground: point(0, 0) },
      { image: point(100, 0), ground: point(10, 0) },
      { image: point(100, 100), ground: point(10, 10) },
      { image: point(0, 100), ground: point(0, 10) },
    ],
  })),
  call('changeDeviceStatus', 'ChangeDeviceStatus', '', ', deviceId: "device-1", status: STALE', () => ({})),
  call('registerZone', 'RegisterZone', ', $zone: ID!', ', zoneId: $zone, name: "Av. Javier Prado", speedLimitKmh: 50, jurisdiction: "PE"', () => ({ zone: fresh('zone') })),
  call('setSpeedLimit', 'SetSpeedLimit', '', ', zoneId: "zone-x", speedLimitKmh: 60', () => ({})),
  call('setLanes', 'SetLanes', '', ', zoneId: "zone-x", lanes: [{ laneId: "l1", name: "left", polygon: [{x: 0, y: 0}, {x: 10, y: 0}, {x: 10, y: 10}] }]', () => ({})),
  call('setStopLine', 'SetStopLine', '', ', zoneId: "zone-x", from: {x: 0, y: 0}, to: {x: 10, y: 0}', () => ({})),
  call('setSignalSource', 'SetSignalSource', '', ', zoneId: "zone-x", signalSource: { kind: FRAME_REGION, region: { x: 0, y: 0, width: 5, height: 5 } }', () => ({})),
  call('publishFineSchedule', 'PublishFineSchedule', ', $schedule: FineScheduleInput!', ', schedule: $schedule', () => ({ schedule: { ...SCHEDULE, version: 1 } })),
  call('recordObservation', 'RecordObservation', ', $input: ObservationInput!', ', input: $input', () => ({
    input: { observationId: fresh('obs'), deviceId: 'device-1', trackId: 't-1', observedAt: new Date().toISOString(), speedKmh: 42 },
  })),
  call('recordHeartbeat', 'RecordHeartbeat', ', $input: HeartbeatInput!', ', input: $input', () => ({ input: { deviceId: 'device-1', at: new Date().toISOString(), fps: 25, latencyMs: 40 } })),
  call('erasePersonalData', 'ErasePersonalData', ', $subject: ID!', ', subjectId: $subject, reason: "right to erasure"', () => ({ subject: fresh('subject') })),
];
