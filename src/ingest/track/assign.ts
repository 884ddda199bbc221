// Optimal one-to-one assignment of predicted tracks to detections (Hungarian algorithm,
// from the `munkres` package), with a gate: a pair whose cost is at or above `maxCost`
// is never matched, even when it is the best left.
import { munkres } from 'munkres';

export interface Assignment {
  matches: Array<{ row: number; col: number }>;
  unmatchedRows: number[];
  unmatchedCols: number[];
}

export function assign(cost: number[][], columns: number, maxCost: number): Assignment {
  const rows = cost.length;
  const matches: Array<{ row: number; col: number }> = [];
  if (rows > 0 && columns > 0) {
    // Gated pairs get a cost above any allowed total so the solver only takes them
    // when nothing else is left; they are then dropped below.
    const forbidden = maxCost * (rows + columns + 1);
    const gated = cost.map((row) => row.map((value) => (value >= maxCost ? forbidden : value)));
    for (const [row, col] of munkres(gated)) {
      const value = cost[row]?.[col];
      if (value !== undefined && value < maxCost) matches.push({ row, col });
    }
  }
  const matchedRows = new Set(matches.map((match) => match.row));
  const matchedCols = new Set(matches.map((match) => match.col));
  return {
    matches,
    unmatchedRows: range(rows).filter((row) => !matchedRows.has(row)),
    unmatchedCols: range(columns).filter((col) => !matchedCols.has(col)),
  };
}

function range(length: number): number[] {
  return Array.from({ length }, (_, index) => index);
}
