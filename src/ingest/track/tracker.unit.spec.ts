import { describe, expect, it } from 'vitest';
import type { Box, Detection, DetectionKind } from '../types.js';
import { measurableObservations, type Track } from './track.js';
import { Tracker, type TrackerStep } from './tracker.js';

const FRAME = { width: 640, height: 360 };
const FPS = 10;

interface Mover {
  start: Box;
  /** pixels per second */
  vx: number;
  vy?: number;
  kind?: DetectionKind;
  /** frame indexes in which the detector does not see it */
  hiddenIn?: number[];
  from?: number;
  to?: number;
}

function boxAt(mover: Mover, index: number): Box {
  const t = (index - (mover.from ?? 0)) / FPS;
  return { ...mover.start, x: mover.start.x + mover.vx * t, y: mover.start.y + (mover.vy ?? 0) * t };
}

/** Runs the tracker over synthetic frames and returns every finished track. */
function track(movers: Mover[], frames: number, tracker = new Tracker()): { finished: Track[]; steps: TrackerStep[] } {
  const steps: TrackerStep[] = [];
  for (let index = 0; index < frames; index++) {
    const detections: Detection[] = movers
      .filter((m) => index >= (m.from ?? 0) && index <= (m.to ?? Infinity) && !m.hiddenIn?.includes(index))
      .map((m) => ({ box: boxAt(m, index), score: 0.9, kind: m.kind ?? 'vehicle' }));
    steps.push(tracker.update({ index, pts: index / FPS, ...FRAME }, detections));
  }
  steps.push(tracker.flush());
  return { finished: steps.flatMap((step) => step.finished), steps };
}

function xs(track: Track): number[] {
  return track.observations.map((o) => o.box.x);
}

describe('tracker', () => {
  it('follows one vehicle across the frame under one id', () => {
    const { finished } = track([{ start: { x: 20, y: 150, w: 80, h: 50 }, vx: 200 }], 20);
    expect(finished).toHaveLength(1);
    expect(finished[0]!.id).toBe(1);
    expect(finished[0]!.observations).toHaveLength(20);
  });

  it('keeps the ids of two vehicles whose paths cross', () => {
    const { finished } = track(
      [
        { start: { x: 30, y: 150, w: 80, h: 50 }, vx: 250 },
        { start: { x: 520, y: 160, w: 80, h: 50 }, vx: -250 },
      ],
      18,
    );
    expect(finished).toHaveLength(2);
    const [rightward, leftward] = [...finished].sort((a, b) => xs(a)[0]! - xs(b)[0]!);
    expect(rightward!.observations).toHaveLength(18);
    expect(leftward!.observations).toHaveLength(18);
    // Each track's boxes keep moving one way: no swap at the crossing.
    expect(xs(rightward!)).toEqual([...xs(rightward!)].sort((a, b) => a - b));
    expect(xs(leftward!)).toEqual([...xs(leftward!)].sort((a, b) => b - a));
  });

  it('keeps the id of a vehicle hidden for a few frames', () => {
    const { finished } = track([{ start: { x: 20, y: 150, w: 60, h: 40 }, vx: 180, hiddenIn: [8, 9, 10] }], 20);
    expect(finished).toHaveLength(1);
    expect(finished[0]!.observations.map((o) => o.frameIndex)).not.toContain(9);
    expect(finished[0]!.observations).toHaveLength(17);
  });

  it('gives a new id to a vehicle that arrives after the first has left', () => {
    const { finished } = track(
      [
        { start: { x: 20, y: 150, w: 60, h: 40 }, vx: 300, to: 12 },
        { start: { x: 20, y: 150, w: 60, h: 40 }, vx: 300, from: 22 },
      ],
      34,
    );
    expect(finished.map((t) => t.id)).toEqual([1, 2]);
    expect(finished[1]!.observations[0]!.frameIndex).toBe(22);
  });

  it('ends a track after maxAge frames without a box, and a later box starts another', () => {
    const { finished } = track([{ start: { x: 20, y: 150, w: 60, h: 40 }, vx: 100, hiddenIn: [6, 7, 8, 9, 10, 11, 12] }], 20, new Tracker({ maxAge: 3 }));
    expect(finished.map((t) => t.id)).toEqual([1, 2]);
  });

  it('never confirms a detection seen fewer than minHits frames in a row', () => {
    const { finished, steps } = track([{ start: { x: 300, y: 100, w: 40, h: 20 }, vx: 0, from: 5, to: 6 }], 12);
    expect(finished).toEqual([]);
    expect(steps.flatMap((s) => s.discarded)).toHaveLength(1);
  });

  it('follows a small fast plate that jumps more than its own width between frames', () => {
    const { finished } = track([{ start: { x: 10, y: 200, w: 40, h: 14 }, vx: 900, vy: -60, kind: 'plate' }], 6);
    expect(finished).toHaveLength(1);
    expect(finished[0]!.observations).toHaveLength(6);
  });

  it('never links a plate box with the vehicle box around it', () => {
    const { finished } = track(
      [
        { start: { x: 100, y: 120, w: 120, h: 90 }, vx: 150 },
        { start: { x: 140, y: 180, w: 40, h: 14 }, vx: 150, kind: 'plate' },
      ],
      10,
    );
    expect(finished.map((t) => t.kind).sort()).toEqual(['plate', 'vehicle']);
    for (const t of finished) expect(t.observations).toHaveLength(10);
  });

  it('flags boxes cut by the frame edge and leaves them out of measurement', () => {
    const { finished } = track([{ start: { x: 0, y: 150, w: 60, h: 40 }, vx: 100 }], 8);
    const [only] = finished;
    expect(only!.observations[0]!.cutByEdge).toBe(true);
    expect(only!.observations[7]!.cutByEdge).toBe(false);
    expect(measurableObservations(only!).every((o) => o.box.x > 0)).toBe(true);
    expect(measurableObservations(only!).length).toBe(7);
  });
});
