// The versioned fine schedule. Stream: `fine-schedule`. A published version never changes;
// a fine records the version it used, so a new version never alters a fine already issued.
import type { DomainEvent } from '../shared/message.js';
import type { InfractionType } from '../infraction/events.js';

export interface SpeedBand {
  /** The band applies when the considered speed exceeds the limit by more than this (km/h). */
  minExcessKmh: number;
  amountMinor: number;
}

export interface FineScheduleVersion {
  /** 1, 2, 3... in publication order. */
  version: number;
  currency: string;
  /** ISO-8601 instant from which infractions (by their occurredAt) use this version. */
  effectiveFrom: string;
  /** Amount in minor units per infraction type; SPEED_VIOLATION is priced by `speedBands`. */
  amountsByType: Record<Exclude<InfractionType, 'SPEED_VIOLATION'>, number>;
  /** Ascending by minExcessKmh; the first band starts at 0. */
  speedBands: SpeedBand[];
}

export type FineSchedulePublished = DomainEvent<'FineSchedulePublished', FineScheduleVersion & { publishedBy: string }>;

export type FineScheduleEvent = FineSchedulePublished;
export const FINE_SCHEDULE_EVENT_TYPES = ['FineSchedulePublished'] as const;
export const FINE_SCHEDULE_STREAM = 'fine-schedule';
