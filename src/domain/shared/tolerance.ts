// Legal-metrology measurement tolerance: the fine uses the considered speed, the measured
// speed minus the tolerance of the zone's jurisdiction. Rules are data (a setting).

export interface ToleranceRule {
  jurisdiction: string;
  /** Subtracted at or below `percent.aboveKmh` (or always, when there is no percent part). */
  fixedKmh: number;
  /** Above this measured speed the tolerance is a percentage of the measured speed. */
  percent?: { aboveKmh: number; percent: number };
}

export const DEFAULT_TOLERANCES: readonly ToleranceRule[] = [
  { jurisdiction: 'DE', fixedKmh: 3, percent: { aboveKmh: 100, percent: 3 } },
  { jurisdiction: 'PE', fixedKmh: 5 },
  { jurisdiction: 'BR', fixedKmh: 7, percent: { aboveKmh: 100, percent: 7 } },
];

export interface ToleranceApplied {
  jurisdiction: string;
  measuredKmh: number;
  toleranceKmh: number;
  consideredKmh: number;
}

// Two decimals keep 3% of 120 at 3.6 instead of 3.5999999999999996.
const round2 = (value: number): number => Math.round(value * 100) / 100;

export function applyTolerance(rule: ToleranceRule, measuredKmh: number): ToleranceApplied {
  const toleranceKmh =
    rule.percent && measuredKmh > rule.percent.aboveKmh ? round2((measuredKmh * rule.percent.percent) / 100) : rule.fixedKmh;
  return {
    jurisdiction: rule.jurisdiction,
    measuredKmh,
    toleranceKmh,
    consideredKmh: round2(Math.max(0, measuredKmh - toleranceKmh)),
  };
}

export function toleranceFor(rules: readonly ToleranceRule[], jurisdiction: string): ToleranceRule | undefined {
  return rules.find((rule) => rule.jurisdiction === jurisdiction);
}
