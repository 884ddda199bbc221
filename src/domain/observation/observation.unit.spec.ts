import { describe, expect, it } from 'vitest';
import { specFor } from '../testing/given.js';
import { device, meta } from '../testing/actors.js';
import type { RecordHeartbeat, RecordObservation } from './commands.js';
import { observationDecider } from './decide.js';
import { observationsStream, type ObservationEvent, type ObservationRecorded } from './events.js';

const given = specFor(observationDecider);
const passage: ObservationRecorded['data'] = {
  observationId: 'obs-1',
  deviceId: 'cam-1',
  trackId: 'track-7',
  observedAt: '2026-03-01T23:59:59.500Z',
  plate: { text: 'ABC-123', confidence: 0.9, reader: 'tesseract.js@7/eng', format: 'PERU' },
  speedKmh: 48.2,
  lane: 'lane-1',
};
const observe = (data: Partial<ObservationRecorded['data']> = {}): RecordObservation => ({
  type: 'RecordObservation',
  data: { ...passage, ...data },
  metadata: meta(device('cam-1')),
});
const heartbeat = (at: string): RecordHeartbeat => ({
  type: 'RecordHeartbeat',
  data: { deviceId: 'cam-1', at, fps: 12.5, latencyMs: 180 },
  metadata: meta(device('cam-1')),
});
const OBSERVED: ObservationEvent[] = [{ type: 'ObservationRecorded', data: passage }];

describe('observations', () => {
  it('records one observation per vehicle passage', () => given([]).when(observe()).then(OBSERVED));

  it('is idempotent by observation id', () => given(OBSERVED).when(observe({ speedKmh: 99 })).then([]));

  it('leaves the initial state untouched by a fold', () => {
    given(OBSERVED).when(observe()).then([]);
    expect(observationDecider.initialState.observationIds.size).toBe(0);
  });

  it('records another passage', () => expect(given(OBSERVED).when(observe({ observationId: 'obs-2' })).events()).toHaveLength(1));

  it('refuses an observation a device sends for another device', () =>
    given([]).when(observe({ deviceId: 'cam-9' })).thenThrows('DEVICE_MISMATCH'));

  it('names the day stream by the UTC date of the passage', () => {
    expect(observationsStream('cam-1', passage.observedAt)).toBe('observations-cam-1-2026-03-01');
    expect(observationsStream('cam-1', '2026-03-01T20:30:00-05:00')).toBe('observations-cam-1-2026-03-02');
  });
});

describe('heartbeats', () => {
  const beat: ObservationEvent = { type: 'DeviceHeartbeatRecorded', data: { deviceId: 'cam-1', at: '2026-03-01T10:00:00.000Z', fps: 12.5, latencyMs: 180 } };

  it('records a heartbeat with fps and latency', () => given([]).when(heartbeat('2026-03-01T10:00:00.000Z')).then([beat]));

  it('drops a heartbeat older than the last one (late redelivery)', () => given([beat]).when(heartbeat('2026-03-01T09:59:50.000Z')).then([]));

  it('records a later heartbeat', () => expect(given([beat]).when(heartbeat('2026-03-01T10:00:10.000Z')).events()).toHaveLength(1));
});
