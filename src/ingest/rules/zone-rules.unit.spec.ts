import { describe, expect, it } from 'vitest';
import { parseZoneRules } from './zone-rules.js';

describe('zone rules', () => {
  it('fills the speed thresholds a zone leaves out', () => {
    expect(parseZoneRules({ zoneId: 'z', speedLimitKmh: 50, jurisdiction: 'PE' }).speed).toEqual({ minSamples: 5, minDurationS: 0.4, maxResidualM: 0.5, maxCrossTrackResidualM: 1 });
  });

  it('names the field that is wrong', () => {
    expect(() => parseZoneRules({ zoneId: 'z', speedLimitKmh: -1, jurisdiction: 'PE' })).toThrow(/speedLimitKmh/);
    expect(() =>
      parseZoneRules({ zoneId: 'z', speedLimitKmh: 50, jurisdiction: 'PE', stopLine: { line: { a: { x: 0, y: 0 }, b: { x: 1, y: 1 } }, approachSide: { x: 0, y: 1 }, signal: { kind: 'lamp' } } }),
    ).toThrow(/stopLine\.signal\.kind/);
  });
});
