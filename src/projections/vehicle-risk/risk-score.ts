// A vehicle's risk score from its history, transparent by construction: every factor is
// shown with its value, its weight and the points it adds, and the score is their sum
// capped at 100. Only confirmed offences count (validated, fined, appealed or paid): a
// detection nobody has reviewed, or one rejected or cancelled, says nothing about a driver.
export interface VehicleHistory {
  confirmedOffences: number;
  /** Confirmed offences in the last RECENT_DAYS days. */
  recentOffences: number;
  /** Confirmed offences of the vehicle's most repeated infraction type. */
  mostRepeatedTypeCount: number;
  unpaidFines: number;
}

export interface RiskFactor {
  name: 'confirmed_offences' | 'recent_offences' | 'repeat_offences' | 'unpaid_fines';
  value: number;
  weight: number;
  points: number;
}

export interface RiskScore {
  score: number;
  factors: RiskFactor[];
}

export const RECENT_DAYS = 90;

const WEIGHTS: Record<RiskFactor['name'], number> = {
  confirmed_offences: 5,
  recent_offences: 10,
  // Each offence of the same type beyond the first.
  repeat_offences: 8,
  unpaid_fines: 15,
};

export function riskScore(history: VehicleHistory): RiskScore {
  const values: Record<RiskFactor['name'], number> = {
    confirmed_offences: history.confirmedOffences,
    recent_offences: history.recentOffences,
    repeat_offences: Math.max(0, history.mostRepeatedTypeCount - 1),
    unpaid_fines: history.unpaidFines,
  };
  const factors = (Object.keys(WEIGHTS) as RiskFactor['name'][]).map((name) => ({
    name,
    value: values[name],
    weight: WEIGHTS[name],
    points: values[name] * WEIGHTS[name],
  }));
  const total = factors.reduce((sum, factor) => sum + factor.points, 0);
  return { score: Math.min(100, total), factors };
}
