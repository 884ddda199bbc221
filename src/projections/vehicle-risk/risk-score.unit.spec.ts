import { describe, expect, it } from 'vitest';
import { riskScore } from './risk-score.js';

const clean = { confirmedOffences: 0, recentOffences: 0, mostRepeatedTypeCount: 0, unpaidFines: 0 };

describe('the risk score', () => {
  it('is zero for a vehicle with no confirmed offence, and says why', () => {
    const risk = riskScore(clean);
    expect(risk.score).toBe(0);
    expect(risk.factors.map((factor) => [factor.name, factor.points])).toEqual([
      ['confirmed_offences', 0],
      ['recent_offences', 0],
      ['repeat_offences', 0],
      ['unpaid_fines', 0],
    ]);
  });

  it('adds each factor value times its weight', () => {
    const risk = riskScore({ confirmedOffences: 3, recentOffences: 2, mostRepeatedTypeCount: 2, unpaidFines: 1 });
    expect(risk.factors).toEqual([
      { name: 'confirmed_offences', value: 3, weight: 5, points: 15 },
      { name: 'recent_offences', value: 2, weight: 10, points: 20 },
      { name: 'repeat_offences', value: 1, weight: 8, points: 8 },
      { name: 'unpaid_fines', value: 1, weight: 15, points: 15 },
    ]);
    expect(risk.score).toBe(58);
  });

  it('weighs a recent offence above an old one, and caps the score at 100', () => {
    const old = riskScore({ ...clean, confirmedOffences: 1, mostRepeatedTypeCount: 1 });
    const recent = riskScore({ ...clean, confirmedOffences: 1, recentOffences: 1, mostRepeatedTypeCount: 1 });
    expect(recent.score).toBeGreaterThan(old.score);
    expect(riskScore({ confirmedOffences: 20, recentOffences: 20, mostRepeatedTypeCount: 20, unpaidFines: 20 }).score).toBe(100);
  });
});
