// One message per vehicle passage in front of a camera, infraction or not: what
// RecordObservation (src/domain/observation/commands.ts) needs; the message id doubles as
// the observation id.
import { z } from 'zod';
import { envelopeFields, instant, plateReadSchema } from './envelope.js';

export const ObservationMessageV1 = z.object({
  ...envelopeFields,
  zoneId: z.string().min(1).max(128),
  trackId: z.string().min(1).max(128),
  /** Device-clock instant the vehicle passed (not when the message was produced). */
  observedAt: instant,
  lane: z.string().min(1).max(64).optional(),
  vehicleClass: z.string().min(1).max(32).optional(),
  plate: plateReadSchema.optional(),
  speedKmh: z.number().min(0).max(500).optional(),
});

export type ObservationMessageV1 = z.infer<typeof ObservationMessageV1>;
