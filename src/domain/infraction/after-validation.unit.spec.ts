import { describe, expect, it } from 'vitest';
import { specFor } from '../testing/given.js';
import { admin, supervisor } from '../testing/actors.js';
import {
  AFTER_REVIEW,
  SCHEDULE_V1,
  cancel,
  correctPlate,
  expire,
  fileAppeal,
  historyOf,
  historyUntil,
  identifyOwner,
  issueFine,
  recordDetected,
  recordPayment,
  resolveAppeal,
  validate,
} from '../testing/infraction-builders.js';
import { infractionDecider } from './decide.js';
import { evolve } from './state.js';
import type { InfractionEvent } from './events.js';
import { fold } from '../shared/decider.js';

const given = specFor(infractionDecider);
const statusAfter = (events: InfractionEvent[]) => fold(infractionDecider, events)?.status;

describe('issuing a fine', () => {
  it('prices a speed violation by its excess band and records amount, currency and schedule version', () =>
    given(historyUntil('VALIDATED'))
      .when(issueFine())
      .then([
        {
          type: 'FineIssued',
          data: {
            infractionId: 'inf-1',
            amount: { amountMinor: 20_000, currency: 'PEN' },
            scheduleVersion: 1,
            speedBandMinExcessKmh: 0,
            plate: 'ABC-123',
            issuedBy: 'user:olga',
          },
        },
      ]));

  it('prices a red-light infraction by its type', () => {
    const history = historyOf(recordDetected({ infractionType: 'RED_LIGHT', speed: null }), validate());
    const [event] = given(history).when(issueFine()).events();
    expect(event?.type === 'FineIssued' && event.data.amount).toEqual({ amountMinor: 50_000, currency: 'PEN' });
  });

  it('refuses a schedule version that starts after the infraction occurred', () =>
    given(historyUntil('VALIDATED'))
      .when(issueFine({ schedule: { ...SCHEDULE_V1, version: 2, effectiveFrom: '2026-03-01T08:00:00.001Z' } }))
      .thenThrows('FINE_SCHEDULE_NOT_IN_FORCE'));

  it('fines the corrected plate', () => {
    const history = historyOf(recordDetected(), correctPlate({ plate: 'XYZ-987' }), validate());
    const [event] = given(history).when(issueFine()).events();
    expect(event?.type === 'FineIssued' && event.data.plate).toBe('XYZ-987');
  });
});

describe('appeals', () => {
  it('files an appeal on a fined infraction', () =>
    given(historyUntil('FINED'))
      .when(fileAppeal())
      .then([{ type: 'AppealFiled', data: { infractionId: 'inf-1', appealId: 'appeal-1', grounds: 'I was not driving', filedBy: 'user:olga' } }]));

  it('refuses an appeal without grounds', () =>
    given(historyUntil('FINED')).when(fileAppeal({ grounds: '' })).thenThrows('REASON_REQUIRED'));

  it('an accepted appeal cancels the infraction', () => {
    const history = historyUntil('APPEALED');
    const events = given(history).when(resolveAppeal({ outcome: 'ACCEPTED' })).events();
    expect(events.map((e) => e.type)).toEqual(['AppealResolved']);
    expect(statusAfter([...history, ...events])).toBe('CANCELLED');
  });

  it('a dismissed appeal leaves the fine standing', () => {
    const history = historyUntil('APPEALED');
    const events = given(history).when(resolveAppeal({ outcome: 'DISMISSED' })).events();
    expect(statusAfter([...history, ...events])).toBe('FINED');
  });

  it('refuses a second appeal once one was dismissed', () =>
    given([...historyUntil('APPEALED'), ...given(historyUntil('APPEALED')).when(resolveAppeal()).events()])
      .when(fileAppeal({ appealId: 'appeal-2' }))
      .thenThrows('APPEAL_ALREADY_DECIDED'));

  it('refuses to let the supervisor who validated resolve the appeal (four eyes)', () =>
    given(historyOf(recordDetected(), validate({}, { by: supervisor('sam') }), issueFine(), fileAppeal()))
      .when(resolveAppeal({}, { by: supervisor('sam') }))
      .thenThrows('SAME_PERSON_CANNOT_RESOLVE_APPEAL'));

  it('lets another supervisor resolve it', () =>
    expect(
      given(historyOf(recordDetected(), validate({}, { by: supervisor('sam') }), issueFine(), fileAppeal()))
        .when(resolveAppeal({}, { by: supervisor('sue') }))
        .events(),
    ).toHaveLength(1));

  it('refuses to resolve an appeal that is not the open one', () =>
    given(historyUntil('APPEALED')).when(resolveAppeal({ appealId: 'appeal-9' })).thenThrows('APPEAL_NOT_FOUND'));

  it('refuses a resolution without a reason', () =>
    given(historyUntil('APPEALED')).when(resolveAppeal({ reason: ' ' })).thenThrows('REASON_REQUIRED'));
});

describe('payment', () => {
  it('records a payment of exactly the amount due', () =>
    given(historyUntil('FINED'))
      .when(recordPayment())
      .then([
        {
          type: 'PaymentRecorded',
          data: {
            infractionId: 'inf-1',
            paymentId: 'pay-1',
            amount: { amountMinor: 20_000, currency: 'PEN' },
            paidAt: '2026-03-10T12:00:00.000Z',
            receipt: 'R-1',
            recordedBy: 'user:olga',
          },
        },
      ]));

  it('refuses a different amount', () =>
    given(historyUntil('FINED')).when(recordPayment({ amount: { amountMinor: 19_999, currency: 'PEN' } })).thenThrows('WRONG_AMOUNT'));

  it('refuses the right figure in another currency', () =>
    given(historyUntil('FINED')).when(recordPayment({ amount: { amountMinor: 20_000, currency: 'USD' } })).thenThrows('WRONG_AMOUNT'));

  it('refuses a second payment', () =>
    given(historyUntil('PAID')).when(recordPayment({ paymentId: 'pay-2' })).thenThrows('ALREADY_PAID'));
});

describe('cancelling and expiring', () => {
  it('cancels with the reason and the status it left', () =>
    given(historyUntil('FINED'))
      .when(cancel({}, { by: admin('ada') }))
      .then([
        { type: 'InfractionCancelled', data: { infractionId: 'inf-1', reason: 'device found miscalibrated', previousStatus: 'FINED', cancelledBy: 'user:ada' } },
      ]));

  it('refuses to cancel without a reason', () =>
    given(historyUntil('DETECTED')).when(cancel({ reason: '' })).thenThrows('REASON_REQUIRED'));

  it('expires a detected infraction past its review deadline', () =>
    given(historyUntil('DETECTED'))
      .when(expire({}, { at: AFTER_REVIEW }))
      .then([{ type: 'InfractionExpired', data: { infractionId: 'inf-1', reviewDeadline: '2026-03-31T08:00:00.000Z', expiredAt: AFTER_REVIEW } }]));

  it('refuses to expire before the review deadline', () =>
    given(historyUntil('DETECTED')).when(expire({}, { at: '2026-03-31T08:00:00.000Z' })).thenThrows('REVIEW_DEADLINE_NOT_REACHED'));

  it('expiring twice appends nothing the second time', () =>
    given(historyUntil('EXPIRED')).when(expire({}, { at: AFTER_REVIEW })).then([]));
});

describe('identifying the owner', () => {
  it('stores only the encrypted reference to the owner', () => {
    const [event] = given(historyUntil('VALIDATED')).when(identifyOwner()).events();
    expect(event).toEqual({
      type: 'OwnerIdentified',
      data: {
        infractionId: 'inf-1',
        plate: 'ABC-123',
        registry: 'SUNARP',
        owner: { algorithm: 'AES-256-GCM', keyId: 'person-key-1', iv: 'aXY=', ciphertext: 'Y2lwaGVy', authTag: 'dGFn' },
      },
    });
  });

  it('refuses a registry answer for another plate than the one in force', () =>
    given(historyOf(recordDetected(), correctPlate({ plate: 'XYZ-987' }))).when(identifyOwner()).thenThrows('PLATE_MISMATCH'));
});

describe('folding', () => {
  it('ignores an event type it does not know instead of throwing', () => {
    const state = fold(infractionDecider, historyUntil('DETECTED'));
    const unknown = { type: 'SomethingNew', data: {} } as unknown as InfractionEvent;
    expect(evolve(state, unknown)).toBe(state);
  });

  it('ignores a later event that arrives without its detection', () => {
    const [, validated] = historyUntil('VALIDATED');
    expect(evolve(null, validated!)).toBeNull();
  });
});
