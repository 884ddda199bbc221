// Fields every producer message carries, whatever its topic.
import { z } from 'zod';

export const instant = z.iso.datetime({ offset: true });

export const envelopeFields = {
  /** Derived from device, track and time (see message-id.ts): a retry never makes a duplicate. */
  messageId: z.uuid(),
  schemaVersion: z.literal(1),
  deviceId: z.string().min(1).max(128),
  /** The device's own clock when it produced the message; may drift from ingestTime. */
  deviceTime: instant,
  /** When the ingest worker handed the message to the transport. */
  ingestTime: instant,
};

export const plateReadSchema = z.object({
  text: z.string().min(1).max(32),
  confidence: z.number().min(0).max(1),
  /** Which reader produced the text (e.g. `tesseract`, `pp-ocr`), for the audit trail. */
  reader: z.string().min(1).max(64),
  /** Name of the plate format the text matched (`PERU`, `MERCOSUR`), null when none. */
  format: z.string().min(1).max(32).nullable().optional(),
});

export type PlateRead = z.infer<typeof plateReadSchema>;
