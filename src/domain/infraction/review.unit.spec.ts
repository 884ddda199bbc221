import { describe, expect, it } from 'vitest';
import { specFor } from '../testing/given.js';
import { operator } from '../testing/actors.js';
import {
  AFTER_REVIEW,
  confirmPlate,
  correctPlate,
  historyOf,
  historyUntil,
  recordDetected,
  reject,
  validate,
} from '../testing/infraction-builders.js';
import { REJECTION_REASONS } from './events.js';
import { createInfractionDecider, infractionDecider } from './decide.js';
import { DEFAULT_INFRACTION_POLICY } from './policy.js';

const given = specFor(infractionDecider);
const unsurePlate = { text: 'ABC-123', confidence: 0.55, reader: 'tesseract.js@7/eng', format: 'PERU' };

describe('confirming and correcting the plate', () => {
  it('confirms the plate read, naming who confirmed it', () =>
    given(historyUntil('DETECTED'))
      .when(confirmPlate())
      .then([{ type: 'PlateConfirmed', data: { infractionId: 'inf-1', plate: 'ABC-123', confirmedBy: 'user:olga' } }]));

  it('refuses to confirm when there is no plate read', () =>
    given(historyOf(recordDetected({ plate: null }))).when(confirmPlate()).thenThrows('PLATE_INVALID'));

  it('corrects the plate, keeping the old and new value and the reason', () =>
    given(historyUntil('DETECTED'))
      .when(correctPlate({ plate: 'abd1e23', reason: 'OCR read D as C' }))
      .then([
        {
          type: 'PlateCorrected',
          data: { infractionId: 'inf-1', previousPlate: 'ABC-123', plate: 'ABD1E23', reason: 'OCR read D as C', correctedBy: 'user:olga' },
        },
      ]));

  it('refuses a correction that matches no plate format', () =>
    given(historyUntil('DETECTED')).when(correctPlate({ plate: 'NOT A PLATE' })).thenThrows('PLATE_INVALID'));

  it('refuses a correction to the same plate', () =>
    given(historyUntil('DETECTED')).when(correctPlate({ plate: 'abc123' })).thenThrows('PLATE_UNCHANGED'));

  it('refuses a correction without a reason', () =>
    given(historyUntil('DETECTED')).when(correctPlate({ reason: '  ' })).thenThrows('REASON_REQUIRED'));
});

describe('validating', () => {
  it('validates a detected infraction, naming the validator', () =>
    given(historyUntil('DETECTED'))
      .when(validate({ note: 'clear evidence' }))
      .then([{ type: 'InfractionValidated', data: { infractionId: 'inf-1', validatedBy: 'user:olga', note: 'clear evidence' } }]));

  it('refuses to validate after the review deadline', () =>
    given(historyUntil('DETECTED')).when(validate({}, { at: AFTER_REVIEW })).thenThrows('REVIEW_DEADLINE_PASSED'));

  it('validates on the review deadline itself', () =>
    expect(given(historyUntil('DETECTED')).when(validate({}, { at: '2026-03-31T08:00:00.000Z' })).events()).toHaveLength(1));

  it('refuses to validate without evidence', () =>
    given(historyOf(recordDetected({ evidence: [] }))).when(validate()).thenThrows('EVIDENCE_REQUIRED'));

  it('refuses to validate when no evidence carries a SHA-256', () =>
    given(historyOf(recordDetected({ evidence: [{ kind: 'CLIP', uri: 'clip.mp4', sha256: '' }] })))
      .when(validate())
      .thenThrows('EVIDENCE_REQUIRED'));

  it('requires a plate read below the confidence threshold to be confirmed first', () =>
    given(historyOf(recordDetected({ plate: unsurePlate }))).when(validate()).thenThrows('PLATE_CONFIRMATION_REQUIRED'));

  it('validates a low-confidence read once it is confirmed', () =>
    expect(given(historyOf(recordDetected({ plate: unsurePlate }), confirmPlate())).when(validate()).events()).toHaveLength(1));

  it('validates a low-confidence read once it is corrected', () =>
    expect(given(historyOf(recordDetected({ plate: unsurePlate }), correctPlate())).when(validate()).events()).toHaveLength(1));

  it('requires a correction when there is no plate at all', () =>
    given(historyOf(recordDetected({ plate: null }))).when(validate()).thenThrows('PLATE_CONFIRMATION_REQUIRED'));

  it('takes the confidence threshold from the policy', () =>
    specFor(createInfractionDecider({ ...DEFAULT_INFRACTION_POLICY, plateConfidenceThreshold: 0.5 }))(
      historyOf(recordDetected({ plate: unsurePlate })),
    )
      .when(validate())
      .then([{ type: 'InfractionValidated', data: { infractionId: 'inf-1', validatedBy: 'user:olga', note: null } }]));
});

describe('rejecting', () => {
  for (const reason of REJECTION_REASONS.filter((r) => r !== 'OTHER')) {
    it(`rejects with reason ${reason}`, () =>
      given(historyUntil('DETECTED'))
        .when(reject({ reason }))
        .then([{ type: 'InfractionRejected', data: { infractionId: 'inf-1', reason, note: null, rejectedBy: 'user:olga' } }]));
  }

  it('refuses reason OTHER without a note', () =>
    given(historyUntil('DETECTED')).when(reject({ reason: 'OTHER' })).thenThrows('NOTE_REQUIRED'));

  it('rejects with reason OTHER and its note', () =>
    given(historyUntil('DETECTED'))
      .when(reject({ reason: 'OTHER', note: 'hearse in procession' }, { by: operator('pia') }))
      .then([{ type: 'InfractionRejected', data: { infractionId: 'inf-1', reason: 'OTHER', note: 'hearse in procession', rejectedBy: 'user:pia' } }]));
});
