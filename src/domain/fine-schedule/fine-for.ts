// Pricing an infraction with a schedule version: by type, and by how far the considered
// speed exceeds the limit for speed violations.
import type { Money } from '../shared/money.js';
import type { InfractionType, SpeedMeasurement } from '../infraction/events.js';
import type { FineScheduleVersion } from './events.js';

export interface FineQuote {
  amount: Money;
  scheduleVersion: number;
  speedBandMinExcessKmh: number | null;
}

export function fineFor(
  schedule: FineScheduleVersion,
  infraction: { infractionType: InfractionType; speed: SpeedMeasurement | null },
): FineQuote {
  const money = (amountMinor: number): Money => ({ amountMinor, currency: schedule.currency });
  if (infraction.infractionType !== 'SPEED_VIOLATION') {
    return { amount: money(schedule.amountsByType[infraction.infractionType]), scheduleVersion: schedule.version, speedBandMinExcessKmh: null };
  }
  const excess = infraction.speed ? infraction.speed.consideredKmh - infraction.speed.limitKmh : 0;
  // Bands are ascending and the first starts at 0, so some band always applies.
  const band = schedule.speedBands.filter((b) => excess > b.minExcessKmh).at(-1) ?? schedule.speedBands[0]!;
  return { amount: money(band.amountMinor), scheduleVersion: schedule.version, speedBandMinExcessKmh: band.minExcessKmh };
}
