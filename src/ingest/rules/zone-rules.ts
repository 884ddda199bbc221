// What a zone asks of the rules, as data: the limit and tolerance, the stop line and its
// signal, the lanes a vehicle may not use. Parsed with zod where it enters (a file, the
// zone read model), so every threshold is per zone, never a constant in the code.
import { z } from 'zod';

const point = z.object({ x: z.number(), y: z.number() });
const box = z.object({ x: z.number(), y: z.number(), w: z.number().positive(), h: z.number().positive() });

export const signalSourceSchema = z.discriminatedUnion('kind', [
  /** The signal head seen in the frame: its lamp region's mean colour gives the state. */
  z.object({ kind: z.literal('region'), region: box }),
  /** A fixed cycle: red from `redStartS` for `redDurationS` of every `cycleS`, counted from `offsetS`. */
  z.object({
    kind: z.literal('timetable'),
    cycleS: z.number().positive(),
    redStartS: z.number().min(0),
    redDurationS: z.number().positive(),
    offsetS: z.number().default(0),
  }),
]);

export const zoneRulesSchema = z.object({
  zoneId: z.string().min(1),
  speedLimitKmh: z.number().positive().max(300),
  /** Jurisdiction whose measurement tolerance applies (see domain/shared/tolerance.ts). */
  jurisdiction: z.string().min(2),
  speed: z
    .object({
      minSamples: z.number().int().min(3).default(5),
      minDurationS: z.number().positive().default(0.4),
      /** A fit worse than this (RMS metres) is no measurement. */
      maxResidualM: z.number().positive().default(0.5),
      /** Across the direction of travel (lane changes bend the path), RMS metres. */
      maxCrossTrackResidualM: z.number().positive().default(1),
    })
    .prefault({}),
  stopLine: z
    .object({
      line: z.object({ a: point, b: point }),
      /** Any point on the side vehicles come from. */
      approachSide: point,
      signal: signalSourceSchema,
    })
    .optional(),
  lanes: z
    .object({
      forbidden: z.array(z.object({ laneId: z.string().min(1), polygon: z.array(point).min(3) })).default([]),
      solidLines: z.array(z.object({ lineId: z.string().min(1), points: z.array(point).min(2) })).default([]),
      /** Frames in a row the ground point must stay inside a forbidden lane. */
      minFrames: z.number().int().min(1).default(5),
    })
    .optional(),
});

export type ZoneRules = z.infer<typeof zoneRulesSchema>;
export type SignalSource = z.infer<typeof signalSourceSchema>;

/** Parses zone rules from outside, naming the offending field on error. */
export function parseZoneRules(input: unknown): ZoneRules {
  const parsed = zoneRulesSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`Invalid zone rules: ${issues.join('; ')}`);
  }
  return parsed.data;
}
