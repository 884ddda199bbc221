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

export function plateRead(reading: PlateReading): PlateRead {
  return { text: reading.text, confidence: reading.confidence, reader: reading.reader, format: reading.format };
}

export function observationMessageId(context: PassageContext, track: Track): string {
  const deviceTime = deviceTimeAt(context, track.observations[0]?.pts ?? 0);
  return deriveMessageId({ kind: 'observation', deviceId: context.deviceId, trackId: trackKey(track), deviceTime });
}

export function observationMessage(context: PassageContext, track: Track, plate: PlateReading | null, speed: SpeedVerdict, vehicleClass?: string): ObservationMessageV1 {
  const trackId = trackKey(track);
  const deviceTime = deviceTimeAt(context, track.observations[0]?.pts ?? 0);
  return ObservationMessageV1.parse({
    messageId: observationMessageId(context, track),
    schemaVersion: 1,
    deviceId: context.deviceId,
    deviceTime,
    ingestTime: context.ingestTime.toISOString(),
    zoneId: context.zoneId,
    trackId,
    // The passage instant: the middle of the track, when the vehicle is best in view.
    observedAt: deviceTimeAt(context, track.observations[Math.floor(track.observations.length / 2)]?.pts ?? 0),
    ...(vehicleClass ? { vehicleClass } : {}),
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
  lane?: string,
): InfractionMessageV1 {
  const deviceTime = deviceTimeAt(context, infraction.pts);
  return InfractionMessageV1.parse({
    messageId: infractionMessageId(context, track, infraction),
    schemaVersion: 1,
    deviceId: context.deviceId,
    deviceTime,
    ingestTime: context.ingestTime.toISOString(),
    infractionType: infraction.type,
    zoneId: context.zoneId,
    trackId: trackKey(track),
    occurredAt: deviceTime,
    // Null when unread: a person reads it from the evidence.
    plate: plate ? plateRead(plate) : null,
    observationId: observationMessageId(context, track),
    ...(lane ? { lane } : {}),
    ...(speed.measured
      ? { speed: { measuredKmh: speed.tolerance.measuredKmh, limitKmh: speed.limitKmh, toleranceKmh: speed.tolerance.toleranceKmh, consideredKmh: speed.tolerance.consideredKmh } }
      : {}),
    evidence,
  });
}
