// What the tracker produces: a track is one object (a plate or a vehicle) followed
// through the frames, with every box it was seen in.
import type { Box, DetectionKind } from '../types.js';

export interface TrackObservation {
  frameIndex: number;
  /** Presentation time of the frame, seconds. */
  pts: number;
  box: Box;
  score: number;
  /** The detector's class for the object (a vehicle's 'car', 'truck', ...), when it gives one. */
  label?: string;
  /** The box touches the frame border: the object is only partly seen. */
  cutByEdge: boolean;
}

export interface Track {
  /** Stable within one run: given in order of confirmation, from 1. */
  id: number;
  kind: DetectionKind;
  observations: TrackObservation[];
}

/** Observations whose box shows the whole object: the only ones read or measured. */
export function measurableObservations(track: Track): TrackObservation[] {
  return track.observations.filter((observation) => !observation.cutByEdge);
}

export function trackStartPts(track: Track): number {
  return track.observations[0]?.pts ?? 0;
}
