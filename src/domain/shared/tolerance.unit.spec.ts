import { describe, expect, it } from 'vitest';
import { applyTolerance, DEFAULT_TOLERANCES, toleranceFor, type ToleranceRule } from './tolerance.js';

const rule = (jurisdiction: string): ToleranceRule => toleranceFor(DEFAULT_TOLERANCES, jurisdiction)!;

describe('measurement tolerance', () => {
  it.each([
    ['DE', 80, 3, 77],
    ['DE', 100, 3, 97],
    ['DE', 120, 3.6, 116.4],
    ['DE', 150, 4.5, 145.5],
    ['PE', 80, 5, 75],
    ['PE', 150, 5, 145],
    ['BR', 60, 7, 53],
    ['BR', 100, 7, 93],
    ['BR', 140, 9.8, 130.2],
  ])('%s at %d km/h: tolerance %d, considered %d', (jurisdiction, measured, tolerance, considered) => {
    expect(applyTolerance(rule(jurisdiction), measured)).toEqual({
      jurisdiction,
      measuredKmh: measured,
      toleranceKmh: tolerance,
      consideredKmh: considered,
    });
  });

  it('never considers a negative speed', () => {
    expect(applyTolerance(rule('PE'), 3).consideredKmh).toBe(0);
  });

  it('is configuration: a jurisdiction not in the rules has no tolerance rule', () => {
    expect(toleranceFor(DEFAULT_TOLERANCES, 'FR')).toBeUndefined();
    expect(applyTolerance({ jurisdiction: 'FR', fixedKmh: 5, percent: { aboveKmh: 100, percent: 5 } }, 130).toleranceKmh).toBe(6.5);
  });
});
