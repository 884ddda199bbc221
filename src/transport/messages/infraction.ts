// One message per infraction the ingest worker detected: what RecordInfractionDetected
// (src/domain/infraction/commands.ts) needs, with the same field names, and nothing the
// review workflow adds later. The message id doubles as the infraction id.
import { z } from 'zod';
import { EVIDENCE_KINDS, INFRACTION_TYPES } from '../../domain/infraction/events.js';
import { envelopeFields, instant, plateReadSchema } from './envelope.js';

export const evidenceRefSchema = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  uri: z.string().min(1).max(2048),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits'),
  contentType: z.string().min(1).max(128).optional(),
});

/**
 * The device's reading. The command side applies the tolerance of the zone's jurisdiction
 * itself; the device's own tolerance and considered speed travel for the audit trail only.
 */
export const speedReadingSchema = z.object({
  measuredKmh: z.number().min(0).max(500),
  limitKmh: z.number().positive().max(300),
  toleranceKmh: z.number().min(0).max(100).optional(),
  consideredKmh: z.number().min(0).max(500).optional(),
});

export const InfractionMessageV1 = z
  .object({
    ...envelopeFields,
    infractionType: z.enum(INFRACTION_TYPES),
    zoneId: z.string().min(1).max(128),
    trackId: z.string().min(1).max(128),
    /** Device-clock instant of the infraction itself (the frame), not of the message. */
    occurredAt: instant,
    /** Null when no plate could be read; a person reads it from the evidence. */
    plate: plateReadSchema.nullable(),
    speed: speedReadingSchema.optional(),
    evidence: z.array(evidenceRefSchema).min(1).max(16),
    lane: z.string().min(1).max(64).optional(),
    /** The id of the observation message of the same passage, when one was sent. */
    observationId: z.uuid().optional(),
  })
  .superRefine((message, context) => {
    if (message.infractionType === 'SPEED_VIOLATION' && !message.speed) {
      context.addIssue({ code: 'custom', path: ['speed'], message: 'required for SPEED_VIOLATION' });
    }
  });

export type InfractionMessageV1 = z.infer<typeof InfractionMessageV1>;
export type EvidenceRefV1 = z.infer<typeof evidenceRefSchema>;
