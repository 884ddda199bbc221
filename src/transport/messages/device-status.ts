// A device's heartbeat: how fast and how late its inference runs, and its own verdict.
import { z } from 'zod';
import { envelopeFields } from './envelope.js';

export const DEVICE_STATUSES = ['online', 'degraded', 'offline'] as const;

export const DeviceStatusMessageV1 = z.object({
  ...envelopeFields,
  status: z.enum(DEVICE_STATUSES),
  fps: z.number().min(0).max(1000),
  latencyMs: z.number().min(0).max(3_600_000),
});

export type DeviceStatusMessageV1 = z.infer<typeof DeviceStatusMessageV1>;
