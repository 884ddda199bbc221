// The settings the infraction rules depend on; the composition root fills them from
// configuration (src/app/config.ts), tests from these defaults.
import { DEFAULT_PLATE_FORMATS, type PlateFormat } from '../shared/plate.js';

export interface InfractionPolicy {
  /** Days from occurredAt within which an infraction may be validated. */
  reviewDeadlineDays: number;
  /** A plate read below this confidence must be confirmed or corrected before validation. */
  plateConfidenceThreshold: number;
  plateFormats: readonly PlateFormat[];
}

export const DEFAULT_INFRACTION_POLICY: InfractionPolicy = {
  reviewDeadlineDays: 30,
  plateConfidenceThreshold: 0.7,
  plateFormats: DEFAULT_PLATE_FORMATS,
};

const DAY_MS = 86_400_000;

export function reviewDeadlineFor(occurredAt: string, policy: InfractionPolicy): string {
  return new Date(Date.parse(occurredAt) + policy.reviewDeadlineDays * DAY_MS).toISOString();
}

export const isAfter = (a: string, b: string): boolean => Date.parse(a) > Date.parse(b);
