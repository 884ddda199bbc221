// Checks on a zone's layout: lanes are simple polygons, the stop line has length, the
// signal source is usable.
import { domainError } from '../shared/errors.js';
import { polygonProblem, type Segment } from '../shared/geometry.js';
import type { Lane, SignalSource } from './events.js';

export function checkLanes(lanes: readonly Lane[]): void {
  const ids = new Set<string>();
  lanes.forEach((lane, index) => {
    const problem = polygonProblem(lane.polygon);
    if (problem) throw domainError('INVALID_POLYGON', `lanes[${index}] (${lane.laneId}) ${problem}`, { field: `lanes[${index}].polygon` });
    if (ids.has(lane.laneId)) throw domainError('INVALID_POLYGON', `lanes[${index}] repeats laneId ${lane.laneId}`, { field: `lanes[${index}].laneId` });
    ids.add(lane.laneId);
  });
}

export function checkStopLine(stopLine: Segment): void {
  const { a, b } = stopLine;
  if (![a.x, a.y, b.x, b.y].every(Number.isFinite) || (a.x === b.x && a.y === b.y)) {
    throw domainError('INVALID_STOP_LINE', 'the stop line needs two distinct points', { field: 'stopLine' });
  }
}

export function checkSignalSource(source: SignalSource): void {
  switch (source.kind) {
    case 'FRAME_REGION': {
      const { x, y, width, height } = source.region;
      if (!(x >= 0 && y >= 0 && width > 0 && height > 0)) {
        throw domainError('INVALID_SIGNAL_SOURCE', 'the signal region needs a non-negative origin and a positive size', { field: 'signalSource.region' });
      }
      return;
    }
    case 'TIMETABLE': {
      const phases = [source.greenSeconds, source.amberSeconds, source.redSeconds];
      if (Number.isNaN(Date.parse(source.anchor)) || phases.some((s) => !(s >= 0)) || source.redSeconds <= 0) {
        throw domainError('INVALID_SIGNAL_SOURCE', 'the timetable needs an ISO anchor and non-negative phases with some red', { field: 'signalSource' });
      }
      return;
    }
    default: {
      const unknown: never = source;
      throw domainError('INVALID_SIGNAL_SOURCE', `unknown signal source ${JSON.stringify(unknown)}`);
    }
  }
}

export function checkSpeedLimit(speedLimitKmh: number): void {
  if (!(Number.isFinite(speedLimitKmh) && speedLimitKmh > 0 && speedLimitKmh <= 200)) {
    throw domainError('INVALID_SPEED_LIMIT', 'speedLimitKmh must be above 0 and at most 200', { field: 'speedLimitKmh' });
  }
}
