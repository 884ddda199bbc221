// One message per vehicle passage in front of a camera, infraction or not.
import { z } from 'zod';
import { envelopeFields, plateReadSchema } from './envelope.js';

export const ObservationMessageV1 = z.object({
  ...envelopeFields,
  zoneId: z.string().min(1).max(128),
  trackId: z.string().min(1).max(128),
  laneId: z.string().min(1).max(64).optional(),
  vehicleClass: z.string().min(1).max(32).optional(),
  plate: plateReadSchema.optional(),
  speedKmh: z.number().min(0).max(500).optional(),
});

export type ObservationMessageV1 = z.infer<typeof ObservationMessageV1>;
