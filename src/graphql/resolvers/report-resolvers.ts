// Reports over the read models: devices, daily counts per zone, top violators, the fines
// ledger and operator workload. Each is one SQL statement of the projection's queries.ts.
import { z } from 'zod';
import { deviceDays, listDevices } from '../../projections/device-stats/queries.js';
import { uptimeRatio, type StatusTime } from '../../projections/device-stats/uptime.js';
import { finesLedger } from '../../projections/fines-ledger/queries.js';
import { operatorWorkload } from '../../projections/operator-workload/queries.js';
import { topViolators } from '../../projections/top-violators/queries.js';
import { dailyReport } from '../../projections/zone-daily-stats/queries.js';
import { listZones } from '../../projections/zones/queries.js';
import { vehicleRisk } from '../../projections/vehicle-risk/queries.js';
import { riskScorer } from '../../projections/vehicle-risk/risk-model.js';
import type { DeviceStatus, InfractionType, QueryResolvers } from '../generated/resolvers-types.js';
import { requireReader } from './access.js';
import { arg, DateTimeSchema, IdSchema } from './arguments.js';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as yyyy-mm');
const iso = (value: Date | null): string | null => value && value.toISOString();
const ACCOUNTABLE = ['admin', 'supervisor', 'auditor'] as const;
const DayRange = z
  .object({ from: z.string(), to: z.string() })
  .refine(({ from, to }) => from <= to && Date.parse(to) - Date.parse(from) < 366 * 86_400_000, 'must be on or after from, at most 366 days');
const uptimeView = (time: StatusTime) => ({
  activeSeconds: time.activeMs / 1000,
  staleSeconds: time.staleMs / 1000,
  otherSeconds: time.otherMs / 1000,
  ratio: uptimeRatio(time),
});

export const reportResolvers: QueryResolvers = {
  async devices(_parent, args, context) {
    requireReader(context);
    const at = arg(DateTimeSchema.nullish(), args.at, 'at');
    const devices = await listDevices(context.services.readPool, { zoneId: arg(IdSchema.nullish(), args.zoneId, 'zoneId') ?? undefined }, at ? new Date(at) : context.services.now());
    return devices.map((device) => ({
      id: device.deviceId,
      zoneId: device.zoneId,
      name: device.name,
      status: device.status as DeviceStatus | null,
      reprojectionErrorMetres: device.reprojectionErrorM,
      observations: device.observations,
      infractions: device.infractions,
      heartbeats: device.heartbeats,
      lastHeartbeatAt: iso(device.lastHeartbeatAt),
      lastFps: device.lastFps,
      lastLatencyMs: device.lastLatencyMs,
      lastObservationAt: iso(device.lastObservationAt),
      lastInfractionAt: iso(device.lastInfractionAt),
      firstSeenAt: iso(device.firstSeenAt),
      statusSince: iso(device.statusSince),
      uptime: uptimeView(device.uptime),
    }));
  },

  async deviceDays(_parent, args, context) {
    requireReader(context);
    const at = arg(DateTimeSchema.nullish(), args.at, 'at');
    const range = arg(DayRange, { from: args.from, to: args.to }, 'to');
    const days = await deviceDays(context.services.readPool, arg(IdSchema, args.deviceId, 'deviceId'), range, at ? new Date(at) : context.services.now());
    return days.map(({ uptime, ...day }) => ({ ...day, uptime: uptimeView(uptime) }));
  },

  async zones(_parent, _args, context) {
    requireReader(context);
    const zones = await listZones(context.services.readPool);
    return zones.map((zone) => ({
      id: zone.zoneId,
      name: zone.name,
      speedLimitKmh: zone.speedLimitKmh,
      jurisdiction: zone.jurisdiction,
      lanes: zone.lanes.map((lane) => ({ id: lane.laneId, name: lane.name, polygon: lane.polygon })),
      stopLine: zone.stopLine && { from: zone.stopLine.a, to: zone.stopLine.b },
      signalSource: zone.signalSource,
      updatedAt: zone.updatedAt.toISOString(),
    }));
  },

  async vehicleRisk(_parent, args, context) {
    requireReader(context);
    const plate = arg(IdSchema, args.plate, 'plate').toUpperCase();
    const scorer = await riskScorer(context.services.settings.RISK_MODEL_PATH, context.services.logger, context.services.settings.RISK_MODEL_TIMEOUT_MS, context.services.settings.RISK_MODEL_LOAD_TIMEOUT_MS);
    const { scorer: by, ...risk } = await vehicleRisk(context.services.readPool, plate, context.services.now(), scorer);
    return { ...risk, scorer: { kind: by.kind, modelFile: by.model?.fileName ?? null, modelSha256: by.model?.sha256 ?? null, modelOutput: by.modelOutput, fallbackReason: by.fallbackReason } };
  },

  async dailyReport(_parent, args, context) {
    requireReader(context);
    const zoneId = arg(IdSchema.nullish(), args.zoneId, 'zoneId') ?? undefined;
    const lines = await dailyReport(context.services.readPool, { from: args.from, to: args.to, zoneId });
    return lines.map(({ infractionType, ...line }) => ({ ...line, type: infractionType as InfractionType }));
  },

  topViolators(_parent, args, context) {
    requireReader(context);
    const limit = arg(z.number().int().min(1).max(100), args.limit ?? 10, 'limit');
    return topViolators(context.services.readPool, { fromMonth: arg(Month, args.fromMonth, 'fromMonth'), toMonth: arg(Month, args.toMonth, 'toMonth'), limit });
  },

  finesLedger(_parent, args, context) {
    requireReader(context, ACCOUNTABLE);
    const from = arg(DateTimeSchema.nullish(), args.from, 'from') ?? undefined;
    const to = arg(DateTimeSchema.nullish(), args.to, 'to') ?? undefined;
    return finesLedger(context.services.readPool, { from, to });
  },

  operatorWorkload(_parent, args, context) {
    requireReader(context, ACCOUNTABLE);
    const operator = arg(z.string().max(200).nullish(), args.operator, 'operator') ?? undefined;
    return operatorWorkload(context.services.readPool, { from: args.from, to: args.to, operator });
  },
};
