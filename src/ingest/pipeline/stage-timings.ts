// Per-stage wall time, kept as samples so the summary can give p50 and p99 per call.
export type StageName = 'decode' | 'detect' | 'signal' | 'track' | 'read' | 'rules' | 'evidence' | 'publish';

export interface StageFigures {
  calls: number;
  p50Ms: number;
  p99Ms: number;
  totalMs: number;
}

export class StageTimings {
  private readonly samples = new Map<StageName, number[]>();

  record(stage: StageName, ms: number): void {
    const list = this.samples.get(stage) ?? [];
    list.push(ms);
    this.samples.set(stage, list);
  }

  async time<T>(stage: StageName, work: () => Promise<T> | T): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.record(stage, performance.now() - start);
    }
  }

  figures(): Partial<Record<StageName, StageFigures>> {
    const out: Partial<Record<StageName, StageFigures>> = {};
    for (const [stage, list] of this.samples) {
      const sorted = [...list].sort((a, b) => a - b);
      out[stage] = { calls: sorted.length, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99), totalMs: sorted.reduce((s, v) => s + v, 0) };
    }
    return out;
  }
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
