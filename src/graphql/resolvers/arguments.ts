// Query arguments parsed at the edge (zod), with errors that name the argument.
import { z } from 'zod';
import { badInput } from '../errors.js';

export const MAX_PAGE_SIZE = 100;

// Control characters (NUL above all, which PostgreSQL cannot store) are never part of an id.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export const IdSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'at most 200 characters')
  .refine((id) => !CONTROL_CHARACTERS.test(id), 'must not contain control characters');
export const DateTimeSchema = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 instant with an offset' });

export const PageSchema = z.object({
  first: z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`),
  after: z.string().max(500).nullish(),
});

export const InfractionFilterSchema = z
  .object({
    status: z.array(z.string()).nullish(),
    type: z.array(z.string()).nullish(),
    zoneId: IdSchema.nullish(),
    deviceId: IdSchema.nullish(),
    plate: z.string().trim().min(1).max(20).nullish(),
    from: DateTimeSchema.nullish(),
    to: DateTimeSchema.nullish(),
  })
  .nullish();

/** Parses one argument; a failure is BAD_USER_INPUT naming the argument (and the path inside it). */
export function arg<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [field, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.') || 'input';
  throw badInput(path, issue?.message ?? 'invalid');
}
