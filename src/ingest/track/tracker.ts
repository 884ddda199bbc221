// Multi-object tracker (SORT-like): predict every track with a constant-velocity model,
// assign detections to predictions by minimum cost (IoU, centre distance, size) with the
// Hungarian algorithm, then handle births (confirmed after `minHits` consecutive hits)
// and deaths (ended after `maxAge` frames without a match). Deterministic: the same
// detections always give the same ids.
import type { Detection, DetectionKind, Frame } from '../types.js';
import { assign } from './assign.js';
import { centre, isCutByEdge, iou } from './box-geometry.js';
import { predictBox, updateVelocity, type BoxVelocity } from './motion.js';
import type { Track, TrackObservation } from './track.js';

export interface TrackerOptions {
  /** Consecutive hits before a track is confirmed and gets an id. */
  minHits: number;
  /** Frames a confirmed track may go unseen (occlusion) before it ends. */
  maxAge: number;
  /** How far from its prediction a track may find its box, in diagonals of the predicted box. */
  gate: number;
  /** The same for a track seen once, whose velocity is still unknown. */
  newTrackGate: number;
  /** Largest ratio of areas between a prediction and the box it takes. */
  maxAreaRatio: number;
  /** Pixels from the frame border within which a box counts as cut by the edge. */
  edgeMargin: number;
  /** Weight of the newest velocity measurement in the running estimate. */
  velocitySmoothing: number;
}

export const DEFAULT_TRACKER_OPTIONS: TrackerOptions = {
  minHits: 3,
  maxAge: 5,
  gate: 1.5,
  newTrackGate: 6,
  maxAreaRatio: 3,
  edgeMargin: 2,
  velocitySmoothing: 0.5,
};

/** A track as the pipeline sees it in one frame; `id` is null until the track is confirmed. */
export interface TrackSighting {
  key: number;
  id: number | null;
  kind: DetectionKind;
  observation: TrackObservation;
}

export interface TrackerStep {
  /** Every track that found a box in this frame (tentative ones too). */
  sightings: TrackSighting[];
  /** Confirmed tracks that ended in this frame. */
  finished: Array<Track & { key: number }>;
  /** Keys of tentative tracks given up before confirmation. */
  discarded: number[];
}

interface LiveTrack {
  key: number;
  id: number | null;
  kind: DetectionKind;
  observations: TrackObservation[];
  velocity: BoxVelocity | null;
  hits: number;
  misses: number;
}

type FrameClock = Pick<Frame, 'index' | 'pts' | 'width' | 'height'>;

export class Tracker {
  private readonly options: TrackerOptions;
  private live: LiveTrack[] = [];
  private nextKey = 1;
  private nextId = 1;

  constructor(options: Partial<TrackerOptions> = {}) {
    this.options = { ...DEFAULT_TRACKER_OPTIONS, ...options };
  }

  update(frame: FrameClock, detections: Detection[]): TrackerStep {
    const { matches, unmatchedRows, unmatchedCols } = assign(this.costs(frame.pts, detections), detections.length, GATED);
    const sightings: TrackSighting[] = [];
    for (const { row, col } of matches) {
      const track = this.live[row]!;
      sightings.push(this.extend(track, frame, detections[col]!));
    }
    const finished: TrackerStep['finished'] = [];
    const discarded: number[] = [];
    for (const row of unmatchedRows) {
      const track = this.live[row]!;
      track.misses += 1;
      if (track.id === null) {
        track.hits = 0;
        discarded.push(track.key);
      } else if (track.misses > this.options.maxAge) {
        finished.push(toTrack(track));
      }
    }
    const ended = new Set([...discarded, ...finished.map((track) => track.key)]);
    this.live = this.live.filter((track) => !ended.has(track.key));
    for (const col of unmatchedCols) {
      const detection = detections[col]!;
      const track: LiveTrack = { key: this.nextKey++, id: null, kind: detection.kind, observations: [], velocity: null, hits: 0, misses: 0 };
      this.live.push(track);
      sightings.push(this.extend(track, frame, detection));
    }
    return { sightings, finished, discarded };
  }

  /** Ends every live track: call at the end of the stream. */
  flush(): TrackerStep {
    const finished = this.live.filter((track) => track.id !== null).map(toTrack);
    const discarded = this.live.filter((track) => track.id === null).map((track) => track.key);
    this.live = [];
    return { sightings: [], finished, discarded };
  }

  private costs(pts: number, detections: Detection[]): number[][] {
    return this.live.map((track) => {
      const last = track.observations[track.observations.length - 1]!;
      const predicted = track.velocity ? predictBox(last.box, track.velocity, pts - last.pts) : last.box;
      const gate = track.velocity ? this.options.gate : this.options.newTrackGate;
      const diagonal = Math.hypot(predicted.w, predicted.h);
      const expected = centre(predicted);
      return detections.map((detection) => {
        if (detection.kind !== track.kind) return GATED;
        const seen = centre(detection.box);
        const distance = Math.hypot(seen.x - expected.x, seen.y - expected.y) / (gate * diagonal);
        const areaRatio = (detection.box.w * detection.box.h) / (predicted.w * predicted.h);
        const sizeMismatch = Math.abs(Math.log(areaRatio)) / Math.log(this.options.maxAreaRatio);
        if (distance >= 1 || sizeMismatch >= 1) return GATED;
        // Each term lies in [0, 1): overlap first, then distance, then size as tie-breakers.
        return (1 - iou(predicted, detection.box)) + distance + 0.5 * sizeMismatch;
      });
    });
  }

  private extend(track: LiveTrack, frame: FrameClock, detection: Detection): TrackSighting {
    const last = track.observations[track.observations.length - 1];
    if (last) {
      track.velocity = updateVelocity(track.velocity, last.box, detection.box, frame.pts - last.pts, this.options.velocitySmoothing);
    }
    const observation: TrackObservation = {
      frameIndex: frame.index,
      pts: frame.pts,
      box: detection.box,
      score: detection.score,
      ...(detection.label ? { label: detection.label } : {}),
      cutByEdge: isCutByEdge(detection.box, frame, this.options.edgeMargin),
    };
    track.observations.push(observation);
    track.hits += 1;
    track.misses = 0;
    if (track.id === null && track.hits >= this.options.minHits) track.id = this.nextId++;
    return { key: track.key, id: track.id, kind: track.kind, observation };
  }
}

/** Cost of a pair that must never be matched (every allowed cost is below 2.5). */
const GATED = 2.5;

function toTrack(track: LiveTrack): Track & { key: number } {
  return { key: track.key, id: track.id ?? 0, kind: track.kind, observations: track.observations };
}
