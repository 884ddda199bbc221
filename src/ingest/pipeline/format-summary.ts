// The summary table the CLI prints at the end of an ingest run.
import type { PipelineSummary } from './summary.js';

export function formatSummary(summary: PipelineSummary): string {
  const lines = [
    `frames ${summary.frames}  video ${summary.videoSeconds.toFixed(2)} s  wall ${summary.wallSeconds.toFixed(2)} s  ` +
      `${summary.fps.toFixed(2)} frames/s  real-time x${summary.realTimeFactor.toFixed(2)}  peak RSS ${summary.peakRssMb} MB`,
    `frame loop ${summary.frameLoop.wallSeconds.toFixed(2)} s  ${summary.frameLoop.fps.toFixed(2)} frames/s  real-time x${summary.frameLoop.realTimeFactor.toFixed(2)}  ` +
      `(evidence queue: ${summary.finishing.jobs} tracks, at most ${summary.finishing.peakWaiting} waiting, loop held back ${(summary.finishing.blockedMs / 1000).toFixed(2)} s, ` +
      `drained ${summary.finishing.drainSeconds.toFixed(2)} s after the loop)`,
    `passages ${summary.passages}  infractions ${summary.infractions}` +
      Object.entries(summary.infractionsByType).map(([type, count]) => `  ${type} ${count}`).join('') +
      `  published passages ${summary.publishedPassages}`,
    '',
    'stage       calls    p50 ms    p99 ms   total ms',
  ];
  for (const [stage, figures] of Object.entries(summary.stages)) {
    lines.push(
      `${stage.padEnd(10)} ${String(figures.calls).padStart(6)} ${figures.p50Ms.toFixed(1).padStart(9)} ${figures.p99Ms.toFixed(1).padStart(9)} ${figures.totalMs.toFixed(0).padStart(10)}`,
    );
  }
  return lines.join('\n');
}
