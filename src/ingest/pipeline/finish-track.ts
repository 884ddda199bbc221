// Everything done once a track has ended, in two steps. `judgeTrack` runs in the frame
// loop: the zone's rules (they read the signal's state as sampled so far) and the choice
// of each infraction's evidence frame. `finishTrack` runs in the background queue: read
// the plate from the kept crops, make and store the evidence of each infraction, and build
// the messages. Nothing is published here: the caller decides when (see run-pipeline.ts).
import { createLogger, type Logger } from '../../app/logger.js';
import type { EvidenceStore } from '../../evidence/port.js';
import type { InfractionMessageV1, ObservationMessageV1 } from '../../transport/messages/index.js';
import { combineReadings } from '../ocr/combine-readings.js';
import { cutRingClip, type ClipWindow } from '../evidence/event-clip.js';
import { recordEvidence } from '../evidence/record-evidence.js';
import { infractionMessage, infractionMessageId, observationMessage, deviceTimeAt, trackKey, type PassageContext } from '../publish/track-messages.js';
import { evaluateTrack, type DetectedInfraction, type RuleContext, type TrackVerdict } from '../rules/evaluate-track.js';
import type { Track } from '../track/track.js';
import type { PlateReader, PlateReading } from '../types.js';
import type PQueue from 'p-queue';
import type { SegmentRing } from '../frames/segment-ring.js';
import { decodeStill } from '../frames/source-still.js';
import { scaleBox, type EvidenceFrame, type EvidenceFrames, type ReservedFrame } from './evidence-frame.js';
import type { PlateCrop } from './plate-candidates.js';
import type { StageTimings } from './stage-timings.js';

export interface TrackOutcome {
  observation: ObservationMessageV1;
  infractions: InfractionMessageV1[];
}

/**
 * A file's source-size frame that was not kept (see evidence-frame.ts), decoded again from
 * the file as soon as the track is judged, not when its turn in the queue comes: the decode
 * (another process) overlaps the plate reading and the evidence of the tracks before it,
 * and the tracks that end with the video decode theirs side by side. At most `stills`
 * decodes run at once.
 */
function decodeEarly(pts: number, deps: Pick<FinishTrackDeps, 'sourcePath' | 'sourceSize' | 'stills'>): Promise<EvidenceFrame> {
  const { sourcePath, sourceSize } = deps;
  const decoding: Promise<EvidenceFrame> = !sourcePath || !sourceSize
    ? Promise.reject(new Error(`no frame near ${pts.toFixed(3)} s is kept for evidence`))
    : deps.stills.add(() => decodeStill(sourcePath, pts, sourceSize)).then((rgb) => ({
        frame: { index: 0, pts, width: sourceSize.width, height: sourceSize.height, rgb },
        scale: 1,
      }));
  // Awaited by finishTrack; a run that stops before then drops it, and its failure with it.
  decoding.catch(() => undefined);
  return decoding;
}

export interface FinishTrackDeps {
  reader: PlateReader;
  evidence: EvidenceStore;
  evidenceFrames: EvidenceFrames;
  rules: RuleContext;
  passage: PassageContext;
  timings: StageTimings;
  /** The source file, for cutting clips and decoding snapshot frames; absent for live sources. */
  sourcePath?: string;
  sourceSize?: { width: number; height: number };
  /** Decodes of snapshot frames from the file, bounded (see decodeEarly). */
  stills: PQueue;
  clipSeconds: { before: number; after: number };
  /** A live camera's ring of recent segments, for its clips; absent for files. */
  ring?: SegmentRing;
  /** Hears of infractions published without a clip and of evidence adopted from the store. */
  logger?: Logger;
}

let fallbackLogger: Logger | undefined;

/** The caller's logger, or (a library caller that gave none) a warn-level one of the ingest's own. */
function warningsOf(deps: Pick<FinishTrackDeps, 'logger'>): Logger {
  return deps.logger ?? (fallbackLogger ??= createLogger('warn', 'roadledger-ingest'));
}

/** What the operator's warning names: the message, the track (as in its messages) and the infraction's type. */
interface LiveInfraction {
  messageId: string;
  trackId: string;
  infractionType: DetectedInfraction['type'];
}

/**
 * A live infraction's clip from the camera's segment ring, started when its track is judged
 * (like decodeEarly) so the wait overlaps the frame loop instead of holding the queue. It
 * waits at most for the window's end, one more (longest seen) segment and some slack (from
 * the track's end, after the event). When the ring cannot give it, the infraction goes out without a
 * clip and a warning says why; it never rejects.
 */
async function liveClip(ring: SegmentRing, window: ClipWindow, infraction: LiveInfraction, logger: Logger): Promise<Buffer | undefined> {
  // Segments end at the first key frame after their length: a camera's long GOP makes them longer.
  const longest = Math.max(ring.segmentS, ...(await ring.segments()).map((s) => s.toS - s.fromS));
  const waitMs = (window.afterS + longest + 2) * 1000;
  let reason: string;
  try {
    const made = await cutRingClip(ring, window, waitMs);
    if (made.clip) return made.clip;
    reason = made.reason;
  } catch (error) {
    reason = (error as Error).message;
  }
  logger.warn({ ...infraction, atS: window.atS }, `infraction published without a clip: ${reason}`);
  return undefined;
}

/** A track the rules have judged, each infraction with its evidence frame settled. */
export interface JudgedTrack {
  track: Track;
  verdict: TrackVerdict;
  /** `decoding`: the frame being decoded again from the file, when it was not kept. */
  evidenceFrames: Array<{ infraction: DetectedInfraction; frame: ReservedFrame; decoding: Promise<EvidenceFrame> | null; liveClip: Promise<Buffer | undefined> | null }>;
}

type JudgeDeps = Pick<FinishTrackDeps, 'rules' | 'timings' | 'evidenceFrames' | 'sourcePath' | 'sourceSize' | 'stills' | 'ring' | 'passage' | 'clipSeconds' | 'logger'>;

export async function judgeTrack(track: Track, deps: JudgeDeps): Promise<JudgedTrack> {
  const verdict = await deps.timings.time('rules', () => evaluateTrack(track, deps.rules));
  const evidenceFrames = verdict.infractions.map((infraction) => {
    const frame = deps.evidenceFrames.reserve(infraction.observation.pts);
    const window = { atS: infraction.pts, beforeS: deps.clipSeconds.before, afterS: deps.clipSeconds.after };
    const named = { messageId: infractionMessageId(deps.passage, track, infraction), trackId: trackKey(track), infractionType: infraction.type };
    const clip = deps.ring ? liveClip(deps.ring, window, named, warningsOf(deps)) : null;
    return { infraction, frame, decoding: frame.kept ? null : decodeEarly(frame.pts, deps), liveClip: clip };
  });
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
  for (const { infraction, frame: reserved, decoding, liveClip: clipping } of judged.evidenceFrames) {
    const items = await deps.timings.time('evidence', async () => {
      const window = { atS: infraction.pts, beforeS: deps.clipSeconds.before, afterS: deps.clipSeconds.after };
      const caption = {
        infractionType: infraction.type,
        plateText: plate?.text ?? null,
        speedKmh: verdict.speed.measured ? verdict.speed.tolerance.measuredKmh : null,
        limitKmh: verdict.speed.measured ? verdict.speed.limitKmh : null,
        deviceTime: deviceTimeAt(deps.passage, infraction.pts),
        deviceId: deps.passage.deviceId,
      };
      // 'still': how long the evidence waited for its frame's decode (started when the track was judged).
      const { frame, scale } = reserved.kept ?? (await deps.timings.time('still', () => decoding!));
      const clipBytes = clipping ? await clipping : undefined;
      return recordEvidence(deps.evidence, {
        messageId: infractionMessageId(deps.passage, track, infraction),
        caption,
        frame,
        box: scaleBox(infraction.observation.box, scale),
        ...(deps.sourcePath ? { clip: { sourcePath: deps.sourcePath, window } } : {}),
        ...(clipBytes ? { clipBytes } : {}),
      }, warningsOf(deps));
    });
    const evidence = items.map(({ kind, uri, sha256, contentType }) => ({ kind, uri, sha256, contentType }));
    const lane = verdict.lane?.kind === 'forbidden-lane' ? verdict.lane.laneId : verdict.lane?.kind === 'solid-line' ? verdict.lane.lineId : undefined;
    infractions.push(infractionMessage(deps.passage, track, infraction, plate, verdict.speed, evidence, infraction.type === 'LANE_INVASION' ? lane : undefined));
  }
  return { observation, infractions };
}
