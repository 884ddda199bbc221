// Mutations for devices, zones, the fine schedule, the ingest commands and erasure: one
// per command, shape checked here, rules left to the deciders.
import { z } from 'zod';
import { CalibrateDeviceCommand } from '../../commands/calibrate-device/command.js';
import { ChangeDeviceStatusCommand } from '../../commands/change-device-status/command.js';
import { ErasePersonalDataCommand } from '../../commands/erase-personal-data/command.js';
import { PublishFineScheduleCommand } from '../../commands/publish-fine-schedule/command.js';
import { RecordHeartbeatCommand } from '../../commands/record-heartbeat/command.js';
import { RecordObservationCommand } from '../../commands/record-observation/command.js';
import { RegisterDeviceCommand } from '../../commands/register-device/command.js';
import { RegisterZoneCommand } from '../../commands/register-zone/command.js';
import { SetLanesCommand } from '../../commands/set-lanes/command.js';
import { SetSignalSourceCommand } from '../../commands/set-signal-source/command.js';
import { SetSpeedLimitCommand } from '../../commands/set-speed-limit/command.js';
import { SetStopLineCommand } from '../../commands/set-stop-line/command.js';
import type { SignalSource } from '../../domain/zone/events.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';
import { badInput } from '../errors.js';
import { arg, DateTimeSchema, IdSchema } from './arguments.js';
import { metadataFor, sendCommand } from './send-command.js';

const Text = (max: number) => z.string().max(max, `at most ${max} characters`);
const Coordinate = z.number().min(-1e6).max(1e6);
const PointSchema = z.object({ x: Coordinate, y: Coordinate });
const Amount = z.number().int().min(0, 'must not be negative');
const Seconds = z.number().positive('must be positive').max(3600);

function signalSourceOf(input: unknown): SignalSource {
  const source = arg(
    z.object({
      kind: z.enum(['FRAME_REGION', 'TIMETABLE']),
      region: z.object({ x: Coordinate, y: Coordinate, width: z.number().positive(), height: z.number().positive() }).nullish(),
      anchor: DateTimeSchema.nullish(),
      greenSeconds: Seconds.nullish(),
      amberSeconds: Seconds.nullish(),
      redSeconds: Seconds.nullish(),
    }),
    input,
    'signalSource',
  );
  if (source.kind === 'FRAME_REGION') {
    if (!source.region) throw badInput('signalSource.region', 'is required for FRAME_REGION');
    return { kind: 'FRAME_REGION', region: source.region };
  }
  const { anchor, greenSeconds, amberSeconds, redSeconds } = source;
  if (!anchor) throw badInput('signalSource.anchor', 'is required for TIMETABLE');
  if (!greenSeconds || !amberSeconds || !redSeconds) throw badInput('signalSource.greenSeconds', 'green, amber and red durations are required for TIMETABLE');
  return { kind: 'TIMETABLE', anchor, greenSeconds, amberSeconds, redSeconds };
}

const ScheduleSchema = z.object({
  version: z.number().int().min(1),
  effectiveFrom: DateTimeSchema,
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as PEN'),
  amountsByType: z.object({ RED_LIGHT: Amount, LANE_INVASION: Amount, NO_SEATBELT: Amount, PHONE_USAGE: Amount, OTHER: Amount }),
  speedBands: z.array(z.object({ minExcessKmh: z.number().min(0), amountMinor: Amount })).max(50),
});

const PlateReadSchema = z.object({ text: Text(20).min(1), confidence: z.number().min(0).max(1), reader: Text(100).min(1) });

export const setupMutations: MutationResolvers = {
  registerDevice(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const data = {
      deviceId: arg(IdSchema, args.deviceId, 'deviceId'),
      zoneId: arg(IdSchema, args.zoneId, 'zoneId'),
      name: arg(Text(200).min(1), args.name, 'name'),
      streamUrl: arg(Text(2000).min(1), args.streamUrl, 'streamUrl'),
      credentialsRef: arg(Text(500).nullish(), args.credentialsRef, 'credentialsRef') ?? null,
    };
    return sendCommand(context, new RegisterDeviceCommand({ type: 'RegisterDevice', data, metadata }));
  },

  calibrateDevice(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const data = {
      deviceId: arg(IdSchema, args.deviceId, 'deviceId'),
      referencePoints: arg(z.array(z.object({ image: PointSchema, ground: PointSchema })).max(100), args.referencePoints, 'referencePoints'),
    };
    return sendCommand(context, new CalibrateDeviceCommand({ type: 'CalibrateDevice', data, metadata }));
  },

  changeDeviceStatus(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const data = { deviceId: arg(IdSchema, args.deviceId, 'deviceId'), status: args.status, reason: arg(Text(2000).nullish(), args.reason, 'reason') ?? null };
    return sendCommand(context, new ChangeDeviceStatusCommand({ type: 'ChangeDeviceStatus', data, metadata }));
  },

  registerZone(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const data = {
      zoneId: arg(IdSchema, args.zoneId, 'zoneId'),
      name: arg(Text(200).min(1), args.name, 'name'),
      speedLimitKmh: args.speedLimitKmh,
      jurisdiction: arg(Text(10).min(1), args.jurisdiction, 'jurisdiction'),
    };
    return sendCommand(context, new RegisterZoneCommand({ type: 'RegisterZone', data, metadata }));
  },

  setSpeedLimit(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const data = { zoneId: arg(IdSchema, args.zoneId, 'zoneId'), speedLimitKmh: args.speedLimitKmh };
    return sendCommand(context, new SetSpeedLimitCommand({ type: 'SetSpeedLimit', data, metadata }));
  },

  setLanes(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const lanes = arg(z.array(z.object({ laneId: IdSchema, name: Text(100).min(1), polygon: z.array(PointSchema).max(100) })).max(20), args.lanes, 'lanes');
    return sendCommand(context, new SetLanesCommand({ type: 'SetLanes', data: { zoneId: arg(IdSchema, args.zoneId, 'zoneId'), lanes }, metadata }));
  },

  setStopLine(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const stopLine = { a: arg(PointSchema, args.from, 'from'), b: arg(PointSchema, args.to, 'to') };
    return sendCommand(context, new SetStopLineCommand({ type: 'SetStopLine', data: { zoneId: arg(IdSchema, args.zoneId, 'zoneId'), stopLine }, metadata }));
  },

  setSignalSource(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const data = { zoneId: arg(IdSchema, args.zoneId, 'zoneId'), signalSource: signalSourceOf(args.signalSource) };
    return sendCommand(context, new SetSignalSourceCommand({ type: 'SetSignalSource', data, metadata }));
  },

  publishFineSchedule(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    return sendCommand(context, new PublishFineScheduleCommand({ type: 'PublishFineSchedule', data: arg(ScheduleSchema, args.schedule, 'schedule'), metadata }));
  },

  recordObservation(_parent, { commandId, input }, context) {
    const metadata = metadataFor(context, commandId);
    const o = arg(
      z.object({
        observationId: IdSchema,
        deviceId: IdSchema,
        trackId: Text(200).min(1),
        observedAt: DateTimeSchema,
        plate: PlateReadSchema.nullish(),
        speedKmh: z.number().min(0).max(500).nullish(),
        lane: Text(100).nullish(),
      }),
      input,
      'input',
    );
    const data = { ...o, plate: o.plate ? { ...o.plate, format: null } : null, speedKmh: o.speedKmh ?? null, lane: o.lane ?? null };
    return sendCommand(context, new RecordObservationCommand({ type: 'RecordObservation', data, metadata }));
  },

  recordHeartbeat(_parent, { commandId, input }, context) {
    const metadata = metadataFor(context, commandId);
    const data = arg(z.object({ deviceId: IdSchema, at: DateTimeSchema, fps: z.number().min(0).max(1000), latencyMs: z.number().min(0).max(1e7) }), input, 'input');
    return sendCommand(context, new RecordHeartbeatCommand({ type: 'RecordHeartbeat', data, metadata }));
  },

  erasePersonalData(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const data = { subjectId: arg(IdSchema, args.subjectId, 'subjectId'), reason: arg(Text(2000), args.reason, 'reason') };
    return sendCommand(context, new ErasePersonalDataCommand({ type: 'ErasePersonalData', data, metadata }));
  },
};
