// Valid messages with sensible defaults, so a test states only what it is about.
import type { DeviceStatusMessageV1 } from '../messages/device-status.js';
import type { InfractionMessageV1 } from '../messages/infraction.js';
import { deriveMessageId } from '../messages/message-id.js';
import type { ObservationMessageV1 } from '../messages/observation.js';

const SHA = 'a'.repeat(64);

export function anObservation(overrides: Partial<ObservationMessageV1> = {}): ObservationMessageV1 {
  const deviceId = overrides.deviceId ?? 'cam-1';
  const trackId = overrides.trackId ?? 'track-1';
  const deviceTime = overrides.deviceTime ?? '2026-03-01T10:00:00.000Z';
  return {
    messageId: deriveMessageId({ kind: 'observation', deviceId, trackId, deviceTime }),
    schemaVersion: 1,
    deviceId,
    deviceTime,
    ingestTime: '2026-03-01T10:00:00.200Z',
    zoneId: 'zone-1',
    trackId,
    observedAt: deviceTime,
    plate: { text: 'ABC-123', confidence: 0.93, reader: 'tesseract.js@7/eng', format: 'PERU' },
    speedKmh: 48,
    ...overrides,
  };
}

export function anInfraction(overrides: Partial<InfractionMessageV1> = {}): InfractionMessageV1 {
  const deviceId = overrides.deviceId ?? 'cam-1';
  const trackId = overrides.trackId ?? 'track-1';
  const deviceTime = overrides.deviceTime ?? '2026-03-01T10:00:01.000Z';
  const infractionType = overrides.infractionType ?? 'SPEED_VIOLATION';
  return {
    messageId: deriveMessageId({ kind: 'infraction', deviceId, trackId, deviceTime, discriminator: infractionType }),
    schemaVersion: 1,
    deviceId,
    deviceTime,
    ingestTime: '2026-03-01T10:00:01.300Z',
    infractionType,
    zoneId: 'zone-1',
    trackId,
    occurredAt: '2026-03-01T10:00:00.900Z',
    plate: { text: 'ABC-123', confidence: 0.91, reader: 'tesseract.js@7/eng', format: 'PERU' },
    speed: { measuredKmh: 72, limitKmh: 50, toleranceKmh: 5, consideredKmh: 67 },
    evidence: [
      { kind: 'SNAPSHOT', uri: 'evidence/cam-1/track-1.jpg', sha256: SHA },
      { kind: 'CLIP', uri: 'evidence/cam-1/track-1.mp4', sha256: SHA },
    ],
    ...overrides,
  };
}

export function aDeviceStatus(overrides: Partial<DeviceStatusMessageV1> = {}): DeviceStatusMessageV1 {
  const deviceId = overrides.deviceId ?? 'cam-1';
  const deviceTime = overrides.deviceTime ?? '2026-03-01T10:00:05.000Z';
  return {
    messageId: deriveMessageId({ kind: 'device-status', deviceId, deviceTime }),
    schemaVersion: 1,
    deviceId,
    deviceTime,
    ingestTime: '2026-03-01T10:00:05.010Z',
    status: 'online',
    fps: 12.5,
    latencyMs: 180,
    ...overrides,
  };
}
