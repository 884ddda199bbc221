import { describe, expect, it } from 'vitest';
import type { SpeedVerdict } from '../rules/speed-rule.js';
import type { Track } from '../track/track.js';
import { infractionMessage, observationMessage, type PassageContext } from './track-messages.js';

const context = (ingestTime = '2026-03-01T12:05:00Z'): PassageContext => ({
  deviceId: 'cam-7',
  zoneId: 'zone-1',
  clockStart: new Date('2026-03-01T12:00:00Z'),
  ingestTime: new Date(ingestTime),
});
const track = (startPts = 1.2, id = 1): Track => ({
  id,
  kind: 'plate',
  observations: [0, 1, 2].map((i) => ({ frameIndex: i, pts: startPts + i * 0.2, box: { x: 10 * i, y: 100, w: 40, h: 12 }, score: 0.9, cutByEdge: false })),
});
const speed: SpeedVerdict = {
  measured: true,
  fit: { speedKmh: 78.3, residualM: 0.05, crossTrackResidualM: 0.02, standardErrorKmh: 0.4, samples: 12, durationS: 1.1, heading: { x: 0, y: 1 } },
  tolerance: { jurisdiction: 'PE', measuredKmh: 78.3, toleranceKmh: 5, consideredKmh: 73.3 },
  limitKmh: 60,
  infraction: true,
};
const plate = { text: 'ABC-123', raw: 'ABC123', confidence: 0.93, reader: 'ppocr' as const, format: 'PE' };
const evidence = [{ kind: 'SNAPSHOT' as const, uri: 'evidence://local/cam-7/x/snapshot.jpg', sha256: 'a'.repeat(64) }];
const speeding = (t: Track) => ({ type: 'SPEED_VIOLATION' as const, pts: 1.6, observation: t.observations[2]! });

describe('messages of a passage', () => {
  it('carry the same ids when the same video is ingested again later', () => {
    const first = infractionMessage(context(), track(), speeding(track()), plate, speed, evidence);
    const again = infractionMessage(context('2026-03-02T08:00:00Z'), track(), speeding(track()), plate, speed, evidence);
    expect(again.messageId).toBe(first.messageId);
    expect(observationMessage(context('2026-03-02T08:00:00Z'), track(), plate, speed).messageId).toBe(observationMessage(context(), track(), plate, speed).messageId);
  });

  it('give another passage, another kind and another infraction type different ids', () => {
    const ids = new Set([
      infractionMessage(context(), track(), speeding(track()), plate, speed, evidence).messageId,
      infractionMessage(context(), track(1.4), speeding(track(1.4)), plate, speed, evidence).messageId,
      infractionMessage(context(), track(), { ...speeding(track()), type: 'RED_LIGHT' }, plate, speed, evidence).messageId,
      observationMessage(context(), track(), plate, speed).messageId,
    ]);
    expect(ids.size).toBe(4);
  });

  it('dates the infraction by the frame on the device clock and carries the tolerance applied', () => {
    const message = infractionMessage(context(), track(), speeding(track()), plate, speed, evidence);
    expect(message).toMatchObject({
      occurredAt: '2026-03-01T12:00:01.600Z',
      trackId: 'plate-1200ms-1',
      plate: { text: 'ABC-123', confidence: 0.93, reader: 'ppocr', format: 'PE' },
      speed: { measuredKmh: 78.3, limitKmh: 60, toleranceKmh: 5, consideredKmh: 73.3 },
    });
  });

  it('sends an unread plate as null, for a person to read from the evidence', () => {
    const message = infractionMessage(context(), track(), { ...speeding(track()), type: 'RED_LIGHT' }, null, speed, evidence);
    expect(message.plate).toBeNull();
  });

  it('dates the passage by the middle of its track', () => {
    expect(observationMessage(context(), track(), plate, speed).observedAt).toBe('2026-03-01T12:00:01.400Z');
  });

  it('points the infraction at the observation of the same passage', () => {
    const observation = observationMessage(context(), track(), plate, speed);
    expect(infractionMessage(context(), track(), speeding(track()), plate, speed, evidence).observationId).toBe(observation.messageId);
  });
});
