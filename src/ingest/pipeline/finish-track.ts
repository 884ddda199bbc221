// Everything done once a track has ended, in two steps. `judgeTrack` runs in the frame
// loop: the zone's rules (they read the signal's state as sampled so far) and the choice
// of each infraction's evidence frame. `finishTrack` runs in the background queue: read
// the plate from the kept crops, make and store the evidence of each infraction, and build
// the messages. Nothing is published here: the caller decides when (see run-pipeline.ts).
import type { EvidenceStore } from '../../evidence/port.js';
import type { InfractionMessageV1, ObservationMessageV1 } from '../../transport/messages/index.js';
import { combineReadings } from '../ocr/combine-readings.js';
import { recordEvidence } from '../evidence/record-evidence.js';
import { infractionMessage, infractionMessageId, observationMessage, deviceTimeAt, type PassageContext } from '../publish/track-messages.js';
import { evaluateTrack, type DetectedInfraction, type RuleContext, type TrackVerdict } from '../rules/evaluate-track.js';
import type { Track } from '../track/track.js';
import type { PlateReader, PlateReading } from '../types.js';
import { scaleBox, type EvidenceFrames, type ReservedFrame } from './evidence-frame.js';
import type { PlateCrop } from './plate-candidates.js';
import type { StageTimings } from './stage-timings.js';

export interface TrackOutcome {
  observation: ObservationMessageV1;
  infractions: InfractionMessageV1[];
}

export interface FinishTrackDeps {
  reader: PlateReader;
  evidence: EvidenceStore;
  evidenceFrames: EvidenceFrames;
  rules: RuleContext;
  passage: PassageContext;
  timings: StageTimings;
  /** The source file, for cutting clips; absent for live sources. */
  sourcePath?: string;
  clipSeconds: { before: number; after: number };
}

/** A track the rules have judged, each infraction with its evidence frame settled. */
export interface JudgedTrack {
  track: Track;
  verdict: TrackVerdict;
  evidenceFrames: Array<{ infraction: DetectedInfraction; frame: ReservedFrame }>;
}

export async function judgeTrack(track: Track, deps: Pick<FinishTrackDeps, 'rules' | 'timings' | 'evidenceFrames'>): Promise<JudgedTrack> {
  const verdict = await deps.timings.time('rules', () => evaluateTrack(track, deps.rules));
  const evidenceFrames = verdict.infractions.map((infraction) => ({
    infraction,
    frame: deps.evidenceFrames.reserve(infraction.observation.pts),
  }));
  return { track, verdict, evidenceFrames };
}

/** `vehicleClass`: the class of the vehicle the plate was seen on, when a vehicle model runs. */
export async function finishTrack(judged: JudgedTrack, crops: PlateCrop[], deps: FinishTrackDeps, vehicleClass?: string): Promise<TrackOutcome> {
  const { track, verdict } = judged;
  const readings: PlateReading[] = [];
  for (const crop of crops) {
    const reading = await deps.timings.time('read', () => deps.reader.read(crop.frame, crop.box));
    if (reading) readings.push(reading);
  }
  const plate = combineReadings(readings);
  const observation = observationMessage(deps.passage, track, plate, verdict.speed, vehicleClass);
  const infractions: InfractionMessageV1[] = [];
  for (const { infraction, frame: reserved } of judged.evidenceFrames) {
    const items = await deps.timings.time('evidence', () => {
      const window = { atS: infraction.pts, beforeS: deps.clipSeconds.before, afterS: deps.clipSeconds.after };
      const common = {
        messageId: infractionMessageId(deps.passage, track, infraction),
        caption: {
          infractionType: infraction.type,
          plateText: plate?.text ?? null,
          speedKmh: verdict.speed.measured ? verdict.speed.tolerance.measuredKmh : null,
          limitKmh: verdict.speed.measured ? verdict.speed.limitKmh : null,
          deviceTime: deviceTimeAt(deps.passage, infraction.pts),
          deviceId: deps.passage.deviceId,
        },
      };
      if (reserved.from === 'clip' && deps.sourcePath) {
        const still = { width: reserved.width, height: reserved.height };
        return recordEvidence(deps.evidence, { ...common, box: infraction.observation.box, clip: { sourcePath: deps.sourcePath, window, still } });
      }
      if (reserved.from !== 'ring' || !reserved.kept) throw new Error(`no frame near ${infraction.pts.toFixed(3)} s is kept for evidence`);
      return recordEvidence(deps.evidence, { ...common, frame: reserved.kept.frame, box: scaleBox(infraction.observation.box, reserved.kept.scale) });
    });
    const evidence = items.map(({ kind, uri, sha256, contentType }) => ({ kind, uri, sha256, contentType }));
    const lane = verdict.lane?.kind === 'forbidden-lane' ? verdict.lane.laneId : verdict.lane?.kind === 'solid-line' ? verdict.lane.lineId : undefined;
    infractions.push(infractionMessage(deps.passage, track, infraction, plate, verdict.speed, evidence, infraction.type === 'LANE_INVASION' ? lane : undefined));
  }
  return { observation, infractions };
}
