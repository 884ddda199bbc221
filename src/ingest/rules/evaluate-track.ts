// Runs every rule of a zone over one finished track: maps its measurable boxes to
// ground points (image and metres) and turns the verdicts into infractions, each pointing
// at the observation that best shows it (the evidence frame).
import { applyHomography, type Homography } from '../../domain/shared/homography.js';
import type { ToleranceRule } from '../../domain/shared/tolerance.js';
import { centre, groundPoint } from '../track/box-geometry.js';
import { measurableObservations, type Track, type TrackObservation } from '../track/track.js';
import { evaluateLanes, type LaneInvasion } from './lane-rule.js';
import { evaluateRedLight, type ImageSample, type RedLightVerdict } from './red-light-rule.js';
import type { SignalState } from './signal-state.js';
import { evaluateSpeed, type SpeedVerdict } from './speed-rule.js';
import type { ZoneRules } from './zone-rules.js';

export type InfractionKind = 'SPEED_VIOLATION' | 'RED_LIGHT' | 'LANE_INVASION';

export interface DetectedInfraction {
  type: InfractionKind;
  /** When it happened, seconds of presentation time. */
  pts: number;
  /** The observation whose frame is the evidence. */
  observation: TrackObservation;
}

export interface TrackVerdict {
  speed: SpeedVerdict;
  redLight: RedLightVerdict | null;
  lane: LaneInvasion | null;
  infractions: DetectedInfraction[];
}

export interface RuleContext {
  zone: ZoneRules;
  /** The device's calibration: image pixels to road metres. */
  homography: Homography;
  tolerances: readonly ToleranceRule[];
  signalAt: (pts: number) => SignalState;
  /**
   * The homography maps the road plane, but a plate sits above it: its image point lands
   * on the road farther from the camera, by H / (H - h). Positions measured from the
   * camera's foot (the calibration's origin) are scaled back by (H - h) / H.
   */
  measuredPointHeight?: { cameraHeightM: number; pointHeightM: number };
  /**
   * Which point of a box is measured: the bottom centre (a vehicle box's road contact),
   * or the centre (a plate found by its text: the text box's margins vary, its centre does not).
   */
  measuredPoint?: 'bottom-centre' | 'centre';
}

export function evaluateTrack(track: Track, context: RuleContext): TrackVerdict {
  const observations = measurableObservations(track);
  const pointOf = context.measuredPoint === 'centre' ? centre : groundPoint;
  const image: ImageSample[] = observations.map((o) => ({ pts: o.pts, point: pointOf(o.box) }));
  const height = context.measuredPointHeight;
  const scale = height ? (height.cameraHeightM - height.pointHeightM) / height.cameraHeightM : 1;
  const metres = image.map((sample) => {
    const ground = applyHomography(context.homography, sample.point);
    return { pts: sample.pts, ground: { x: ground.x * scale, y: ground.y * scale } };
  });
  const speed = evaluateSpeed(metres, context.zone, context.tolerances);
  const stopLine = context.zone.stopLine;
  const redLight = stopLine ? evaluateRedLight(image, stopLine, context.signalAt) : null;
  const lane = context.zone.lanes ? evaluateLanes(image, context.zone.lanes) : null;

  const infractions: DetectedInfraction[] = [];
  if (speed.measured && speed.infraction) {
    // The middle of the measured stretch: the plate is fully in view and sharpest there.
    const middle = observations[Math.floor(observations.length / 2)]!;
    infractions.push({ type: 'SPEED_VIOLATION', pts: middle.pts, observation: middle });
  }
  if (redLight?.crossed && redLight.infraction) {
    infractions.push({ type: 'RED_LIGHT', pts: redLight.crossing.pts, observation: observations[redLight.crossing.sampleIndex]! });
  }
  if (lane) {
    const pts = lane.kind === 'forbidden-lane' ? lane.fromPts : lane.pts;
    infractions.push({ type: 'LANE_INVASION', pts, observation: observations[lane.sampleIndex]! });
  }
  return { speed, redLight, lane, infractions };
}
