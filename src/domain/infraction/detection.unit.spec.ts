import { describe, expect, it } from 'vitest';
import { specFor } from '../testing/given.js';
import { recordDetected, EVIDENCE_HASH, OCCURRED_AT, REVIEW_DEADLINE, historyUntil } from '../testing/infraction-builders.js';
import { createInfractionDecider, infractionDecider } from './decide.js';

const given = specFor(infractionDecider);

describe('recording a detected infraction', () => {
  it('records the speed measured, the tolerance applied, the considered speed and the review deadline', () =>
    given([])
      .when(recordDetected())
      .then([
        {
          type: 'InfractionDetected',
          data: {
            infractionId: 'inf-1',
            infractionType: 'SPEED_VIOLATION',
            deviceId: 'cam-1',
            zoneId: 'zone-1',
            occurredAt: OCCURRED_AT,
            plate: { text: 'ABC-123', confidence: 0.92, reader: 'tesseract.js@7/eng', format: 'PERU' },
            speed: { jurisdiction: 'PE', measuredKmh: 75, toleranceKmh: 5, consideredKmh: 70, limitKmh: 60 },
            evidence: [{ kind: 'SNAPSHOT', uri: 'evidence/inf-1/snapshot.jpg', sha256: EVIDENCE_HASH }],
            trackId: 'track-7',
            lane: 'lane-1',
            observationId: 'obs-1',
            reviewDeadline: REVIEW_DEADLINE,
          },
        },
      ]));

  it('refuses a speed infraction whose considered speed is below the limit', () =>
    given([])
      .when(recordDetected({ speed: { measuredKmh: 64, limitKmh: 60, tolerance: { jurisdiction: 'PE', fixedKmh: 5 } } }))
      .thenThrows('NOT_A_SPEED_VIOLATION'));

  it('refuses a speed infraction whose considered speed equals the limit', () =>
    given([])
      .when(recordDetected({ speed: { measuredKmh: 65, limitKmh: 60, tolerance: { jurisdiction: 'PE', fixedKmh: 5 } } }))
      .thenThrows('NOT_A_SPEED_VIOLATION'));

  it('applies the percentage tolerance above 100 km/h (Germany: 3% of 130 = 3.9)', () => {
    const [event] = given([])
      .when(
        recordDetected({
          speed: { measuredKmh: 130, limitKmh: 100, tolerance: { jurisdiction: 'DE', fixedKmh: 3, percent: { aboveKmh: 100, percent: 3 } } },
        }),
      )
      .events();
    expect(event?.type === 'InfractionDetected' && event.data.speed).toEqual({
      jurisdiction: 'DE',
      measuredKmh: 130,
      toleranceKmh: 3.9,
      consideredKmh: 126.1,
      limitKmh: 100,
    });
  });

  it('refuses a speed infraction without a measurement', () =>
    given([]).when(recordDetected({ speed: null })).thenThrows('SPEED_MEASUREMENT_REQUIRED'));

  it('records a red-light infraction without a speed', () => {
    const [event] = given([]).when(recordDetected({ infractionType: 'RED_LIGHT', speed: null })).events();
    expect(event?.type === 'InfractionDetected' && event.data).toMatchObject({ infractionType: 'RED_LIGHT', speed: null });
  });

  it('normalises the plate read to its canonical form and names the format', () => {
    const [event] = given([])
      .when(recordDetected({ plate: { text: 'abc 123', confidence: 0.8, reader: 'ocr', format: null } }))
      .events();
    expect(event?.type === 'InfractionDetected' && event.data.plate).toEqual({ text: 'ABC-123', confidence: 0.8, reader: 'ocr', format: 'PERU' });
  });

  it('keeps a plate read that matches no format, compacted and without a format', () => {
    const [event] = given([])
      .when(recordDetected({ plate: { text: 'x-12', confidence: 0.3, reader: 'ocr', format: null } }))
      .events();
    expect(event?.type === 'InfractionDetected' && event.data.plate).toMatchObject({ text: 'X12', format: null });
  });

  it('computes the review deadline from the configured number of days', () => {
    const decider = createInfractionDecider({ ...{ reviewDeadlineDays: 10, plateConfidenceThreshold: 0.7, plateFormats: [] } });
    const [event] = specFor(decider)([]).when(recordDetected()).events();
    expect(event?.type === 'InfractionDetected' && event.data.reviewDeadline).toBe('2026-03-11T08:00:00.000Z');
  });

  it('appends nothing when the same detection is delivered again', () =>
    given(historyUntil('DETECTED')).when(recordDetected()).then([]));
});
