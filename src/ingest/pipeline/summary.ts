// What the pipeline reports while it runs (for the CLI's progress bar) and at the end.
import type { FinishingFigures } from './finishing-queue.js';
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
  /** The frame loop alone: from the start until the last frame's track was handed to the queue. */
  frameLoop: { wallSeconds: number; fps: number; realTimeFactor: number };
  /** The background queue that finishes tracks (reading, evidence, messages). */
  finishing: FinishingFigures & { drainSeconds: number };
  peakRssMb: number;
  /** Source-size snapshot frames kept from the frame loop: the most megabytes held at once. */
  keptFramesPeakMb: number;
}

export function summarise(
  counts: { frames: number; videoSeconds: number; passages: number; infractions: number; published: number; byType: Record<string, number> },
  timings: StageTimings,
  wall: { wallMs: number; loopMs: number; drainMs: number },
  finishing: FinishingFigures,
  keptFramesPeakBytes = 0,
): PipelineSummary {
  const pace = (ms: number) => {
    const seconds = ms / 1000;
    return { wallSeconds: seconds, fps: seconds > 0 ? counts.frames / seconds : 0, realTimeFactor: seconds > 0 ? counts.videoSeconds / seconds : 0 };
  };
  return {
    frames: counts.frames,
    videoSeconds: counts.videoSeconds,
    ...pace(wall.wallMs),
    passages: counts.passages,
    infractions: counts.infractions,
    infractionsByType: { ...counts.byType },
    publishedPassages: counts.published,
    stages: timings.figures(),
    frameLoop: pace(wall.loopMs),
    finishing: { ...finishing, drainSeconds: wall.drainMs / 1000 },
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    keptFramesPeakMb: Math.round(keptFramesPeakBytes / 2 ** 20),
  };
}
