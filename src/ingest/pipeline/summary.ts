// What the pipeline reports while it runs (for the CLI's progress bar) and at the end.
import type { StageFigures, StageName, StageTimings } from './stage-timings.js';

export interface PipelineProgress {
  frames: number;
  /** Analysed frames per second of wall time so far. */
  fps: number;
  passages: number;
  infractions: number;
  /** Presentation time reached, seconds. */
  videoSeconds: number;
}

export interface PipelineSummary {
  frames: number;
  videoSeconds: number;
  wallSeconds: number;
  fps: number;
  /** Video seconds analysed per wall second: at least 1 keeps up with a live camera. */
  realTimeFactor: number;
  passages: number;
  infractions: number;
  infractionsByType: Record<string, number>;
  /** Passages whose messages reached the transport. */
  publishedPassages: number;
  stages: Partial<Record<StageName, StageFigures>>;
  peakRssMb: number;
}

export function summarise(
  counts: { frames: number; videoSeconds: number; passages: number; infractions: number; published: number; byType: Record<string, number> },
  timings: StageTimings,
  wallMs: number,
): PipelineSummary {
  const wallSeconds = wallMs / 1000;
  return {
    frames: counts.frames,
    videoSeconds: counts.videoSeconds,
    wallSeconds,
    fps: wallSeconds > 0 ? counts.frames / wallSeconds : 0,
    realTimeFactor: wallSeconds > 0 ? counts.videoSeconds / wallSeconds : 0,
    passages: counts.passages,
    infractions: counts.infractions,
    infractionsByType: { ...counts.byType },
    publishedPassages: counts.published,
    stages: timings.figures(),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}
