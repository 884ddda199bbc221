import { describe, expect, it } from 'vitest';
import { fold } from '../shared/decider.js';
import { specFor } from '../testing/given.js';
import { admin, meta } from '../testing/actors.js';
import { SCHEDULE_V1 } from '../testing/infraction-builders.js';
import type { PublishFineSchedule } from './commands.js';
import { fineScheduleDecider, versionInForce } from './decide.js';
import type { FineScheduleVersion } from './events.js';
import { fineFor } from './fine-for.js';

const given = specFor(fineScheduleDecider);
const publish = (schedule: FineScheduleVersion, by = admin()): PublishFineSchedule => ({
  type: 'PublishFineSchedule',
  data: schedule,
  metadata: meta(by),
});
const V2: FineScheduleVersion = {
  ...SCHEDULE_V1,
  version: 2,
  effectiveFrom: '2026-07-01T00:00:00.000Z',
  speedBands: [
    { minExcessKmh: 0, amountMinor: 25_000 },
    { minExcessKmh: 20, amountMinor: 60_000 },
  ],
};
const published = (...versions: FineScheduleVersion[]) =>
  versions.map((v) => ({ type: 'FineSchedulePublished' as const, data: { ...v, publishedBy: 'user:ada' } }));
const speeding = (consideredKmh: number, limitKmh = 60) => ({
  infractionType: 'SPEED_VIOLATION' as const,
  speed: { jurisdiction: 'PE', measuredKmh: consideredKmh + 5, toleranceKmh: 5, consideredKmh, limitKmh },
});

describe('speed bands', () => {
  it.each([
    [60.5, 0, 20_000],
    [70, 0, 20_000],
    [70.1, 10, 40_000],
    [90, 10, 40_000],
    [90.5, 30, 100_000],
    [160, 30, 100_000],
  ])('considered %d km/h in a 60 zone falls in the band from %d km/h excess: %d', (considered, band, amount) => {
    expect(fineFor(SCHEDULE_V1, speeding(considered))).toEqual({
      amount: { amountMinor: amount, currency: 'PEN' },
      scheduleVersion: 1,
      speedBandMinExcessKmh: band,
    });
  });

  it('prices other types by type', () => {
    expect(fineFor(SCHEDULE_V1, { infractionType: 'PHONE_USAGE', speed: null }).amount).toEqual({ amountMinor: 25_000, currency: 'PEN' });
  });
});

describe('publishing versions', () => {
  it('publishes the first version', () =>
    given([]).when(publish(SCHEDULE_V1)).then(published(SCHEDULE_V1)));

  it('publishes the next version', () => given(published(SCHEDULE_V1)).when(publish(V2)).then(published(V2)));

  it('never republishes a version number', () =>
    given(published(SCHEDULE_V1, V2)).when(publish({ ...V2, effectiveFrom: '2027-01-01T00:00:00.000Z' })).thenThrows('FINE_SCHEDULE_VERSION_OUT_OF_ORDER'));

  it('refuses a version effective no later than the one before', () =>
    given(published(SCHEDULE_V1)).when(publish({ ...V2, effectiveFrom: SCHEDULE_V1.effectiveFrom })).thenThrows('FINE_SCHEDULE_VERSION_OUT_OF_ORDER'));

  it.each<[string, Partial<FineScheduleVersion>]>([
    ['a currency that is not ISO 4217', { currency: 'soles' }],
    ['bands not starting at 0', { speedBands: [{ minExcessKmh: 5, amountMinor: 1 }] }],
    ['no bands', { speedBands: [] }],
    ['bands out of order', { speedBands: [{ minExcessKmh: 0, amountMinor: 1 }, { minExcessKmh: 0, amountMinor: 2 }] }],
    ['a fractional amount', { amountsByType: { ...SCHEDULE_V1.amountsByType, OTHER: 10.5 } }],
    ['a zero amount', { speedBands: [{ minExcessKmh: 0, amountMinor: 0 }] }],
  ])('refuses %s', (_what, change) => given([]).when(publish({ ...SCHEDULE_V1, ...change })).thenThrows('FINE_SCHEDULE_INVALID'));
});

describe('the version in force', () => {
  const state = fold(fineScheduleDecider, published(SCHEDULE_V1, V2));

  it('is the latest version effective at the time of the infraction', () => {
    expect(versionInForce(state, '2026-03-01T08:00:00.000Z')?.version).toBe(1);
    expect(versionInForce(state, '2026-07-01T00:00:00.000Z')?.version).toBe(2);
  });

  it('is none before the first version', () => {
    expect(versionInForce(state, '2025-12-31T23:59:59.000Z')).toBeUndefined();
  });

  it('publishing a new version leaves an older infraction priced by the old one', () => {
    const infraction = speeding(85);
    const before = fineFor(versionInForce(fold(fineScheduleDecider, published(SCHEDULE_V1)), '2026-03-01T08:00:00.000Z')!, infraction);
    const after = fineFor(versionInForce(state, '2026-03-01T08:00:00.000Z')!, infraction);
    expect(after).toEqual(before);
    expect(fineFor(versionInForce(state, '2026-08-01T00:00:00.000Z')!, infraction).amount.amountMinor).toBe(60_000);
  });
});
