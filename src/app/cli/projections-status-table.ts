// The `projections status` table: one line per projection generation, plus the
// projections that have never run.
import type { Projection } from '../../projections/runner/projection.js';
import type { ProjectionStatus } from '../../projections/runner/status.js';

const HEADERS = ['projection', 'version', 'gen', 'state', 'checkpoint', 'head', 'lag events', 'lag s', 'events/s', 'problem'];

export function formatStatusTable(statuses: readonly ProjectionStatus[], known: readonly Projection[]): string {
  const lines = statuses.map((s) => [
    s.name + (s.live ? '' : ' (building)'),
    String(s.version),
    String(s.generation),
    s.state,
    s.checkpoint,
    s.head ?? '-',
    String(s.lagEvents),
    s.lagSeconds.toFixed(1),
    String(Math.round(s.eventsPerSecond)),
    problemOf(s),
  ]);
  for (const projection of known) {
    if (!statuses.some((s) => s.name === projection.name)) lines.push([projection.name, String(projection.version), '-', 'NOT STARTED', '-', '-', '-', '-', '-', '']);
  }
  const widths = HEADERS.map((header, i) => Math.max(header.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: string[]): string => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [format(HEADERS), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format)].join('\n');
}

function problemOf(status: ProjectionStatus): string {
  const parts: string[] = [];
  if (status.error) parts.push(status.failedPosition ? `at ${status.failedPosition} (event ${status.failedEventId}): ${status.error}` : status.error);
  if (status.skippedEvents > 0) parts.push(`${status.skippedEvents} event(s) skipped`);
  return parts.join('; ');
}
