// A message the writer could not use, kept with why and with its original bytes so that
// it can be inspected, fixed and replayed by hand; nothing is silently dropped.
import { z } from 'zod';
import { instant } from './envelope.js';

export const DEAD_LETTER_REASONS = ['invalid-json', 'schema', 'unknown-topic', 'rejected'] as const;

export const deadLetterIssueSchema = z.object({
  /** Dotted path of the offending field (`plate.confidence`), empty for the whole message. */
  path: z.string(),
  message: z.string(),
});

export const DeadLetterV1 = z.object({
  schemaVersion: z.literal(1),
  reason: z.object({
    kind: z.enum(DEAD_LETTER_REASONS),
    summary: z.string(),
    issues: z.array(deadLetterIssueSchema),
  }),
  source: z.object({
    topic: z.string(),
    partition: z.number().int().min(0),
    offset: z.string().regex(/^\d+$/),
  }),
  key: z.string().nullable(),
  valueBase64: z.string(),
  failedAt: instant,
});

export type DeadLetterV1 = z.infer<typeof DeadLetterV1>;
export type DeadLetterReason = DeadLetterV1['reason'];

export interface DeadLetterSource {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer;
}

export function deadLetterOf(source: DeadLetterSource, reason: DeadLetterReason, failedAt: Date): DeadLetterV1 {
  return {
    schemaVersion: 1,
    reason,
    source: { topic: source.topic, partition: source.partition, offset: source.offset },
    key: source.key,
    valueBase64: source.value.toString('base64'),
    failedAt: failedAt.toISOString(),
  };
}
