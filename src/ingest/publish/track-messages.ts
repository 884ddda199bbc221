// Turns a finished, evaluated track into the messages ingest publishes: one observation
// per passage and one infraction per violation. Every id is derived from the device, the
// track's start and the instant (never random), so a re-run of the same video with the
// same clock start publishes the same ids and the writer records them once.
import {
  deriveMessageId,
  InfractionMessageV1,
  ObservationMessageV1,
  type EvidenceRefV1,
  type PlateRead,
} from '../../transport/messages/index.js';
import type { DetectedInfraction } from '../rules/evaluate-track.js';
import type { SpeedVerdict } from '../rules/speed-rule.js';
import type { Track } from '../track/track.js';
import type { PlateReading } from '../types.js';

export interface PassageContext {
  deviceId: string;
  zoneId: string;
  /** Device-clock instant of presentation time 0 of the video. */
  clockStart: Date;
  /** When the worker hands the messages over. */
  ingestTime: Date;
}

/** Stable within a video: the track's first frame time (ms) and its id in that run. */
export function trackKey(track: Track): string {
  const startMs = Math.round((track.observations[0]?.pts ?? 0) * 1000);
  return `${track.kind}-${startMs}ms-${track.id}`;
}

export function deviceTimeAt(context: PassageContext, pts: number): string {
  return new Date(context.clockStart.getTime() + Math.round(pts * 1000)).toISOString();
}

// The wire message needs a plate; an unread one goes out with confidence 0, so review
// must confirm or correct it before validation (the domain's rule for low confidence).
export function plateRead(reading: PlateReading | null): PlateRead {
  return reading ? { text: reading.text, confidence: reading.confidence, reader: reading.reader } : { text: 'UNREAD', confidence: 0, reader: 'none' };
}

export function observationMessage(context: PassageContext, track: Track, plate: PlateReading | null, speed: SpeedVerdict): ObservationMessageV1 {
  const trackId = trackKey(track);
  const deviceTime = deviceTimeAt(context, track.observations[0]?.pts ?? 0);
  return ObservationMessageV1.parse({
    messageId: deriveMessageId({ kind: 'observation', deviceId: context.deviceId, trackId, deviceTime }),
    schemaVersion: 1,
    deviceId: context.deviceId,
    deviceTime,
    ingestTime: context.ingestTime.toISOString(),
    zoneId: context.zoneId,
    trackId,
    ...(plate ? { plate: plateRead(plate) } : {}),
    ...(speed.measured ? { speedKmh: speed.tolerance.measuredKmh } : {}),
  });
}

export function infractionMessageId(context: PassageContext, track: Track, infraction: DetectedInfraction): string {
  return deriveMessageId({
    kind: 'infraction',
    deviceId: context.deviceId,
    trackId: trackKey(track),
    deviceTime: deviceTimeAt(context, infraction.pts),
    discriminator: infraction.type,
  });
}

export function infractionMessage(
  context: PassageContext,
  track: Track,
  infraction: DetectedInfraction,
  plate: PlateReading | null,
  speed: SpeedVerdict,
  evidence: EvidenceRefV1[],
): InfractionMessageV1 {
  const deviceTime = deviceTimeAt(context, infraction.pts);
  return InfractionMessageV1.parse({
    messageId: infractionMessageId(context, track, infraction),
    schemaVersion: 1,
    deviceId: context.deviceId,
    deviceTime,
    ingestTime: context.ingestTime.toISOString(),
    type: infraction.type,
    zoneId: context.zoneId,
    trackId: trackKey(track),
    occurredAt: deviceTime,
    plate: plateRead(plate),
    ...(speed.measured
      ? { speed: { measuredKmh: speed.tolerance.measuredKmh, limitKmh: speed.limitKmh, toleranceKmh: speed.tolerance.toleranceKmh, consideredKmh: speed.tolerance.consideredKmh } }
      : {}),
    evidence,
  });
}
