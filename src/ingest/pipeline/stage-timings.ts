// Per-stage wall time, kept as samples so the summary can give p50 and p99 per call, and
// exported as a histogram for /metrics.
import { Histogram, register } from 'prom-client';
export type StageName = 'decode' | 'detect' | 'signal' | 'track' | 'read' | 'rules' | 'evidence' | 'still' | 'publish';

export interface StageFigures {
  calls: number;
  p50Ms: number;
  p99Ms: number;
  totalMs: number;
}

const stageSeconds = (register.getSingleMetric('roadledger_ingest_stage_duration_seconds') ??
  new Histogram({
    name: 'roadledger_ingest_stage_duration_seconds',
    help: 'Ingest time per call of a stage (decode and detect: per frame; read: per plate crop)',
    labelNames: ['stage'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
  })) as Histogram<'stage'>;

export class StageTimings {
  private readonly samples = new Map<StageName, number[]>();

  record(stage: StageName, ms: number): void {
    const list = this.samples.get(stage) ?? [];
    list.push(ms);
    this.samples.set(stage, list);
    stageSeconds.observe({ stage }, ms / 1000);
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
