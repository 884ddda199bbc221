// What the e-mails say: the infraction and the zone always, and who must act.
import { describe, expect, it } from 'vitest';
import type { InfractionDetected } from '../domain/infraction/events.js';
import { appealFiled, infractionAwaitsReview } from './compose-notification.js';

const detected = (data: Partial<InfractionDetected['data']> = {}): InfractionDetected['data'] => ({
  infractionId: 'inf-9',
  infractionType: 'RED_LIGHT',
  deviceId: 'cam-3',
  zoneId: 'zone-centro',
  occurredAt: '2026-03-01T08:00:00.000Z',
  plate: { text: 'BRA2E19', confidence: 0.81, reader: 'tesseract.js@7/eng', format: 'MERCOSUR' },
  speed: null,
  evidence: [],
  trackId: 'track-1',
  lane: null,
  observationId: null,
  reviewDeadline: '2026-03-31T08:00:00.000Z',
  ...data,
});

describe('notification content', () => {
  it('asks the operators to review a new infraction, naming it, its zone and its deadline', () => {
    const notification = infractionAwaitsReview(detected());
    expect(notification).toMatchObject({ kind: 'INFRACTION_AWAITS_REVIEW', role: 'operator', infractionId: 'inf-9', zoneId: 'zone-centro' });
    expect(notification.subject).toBe('[Roadledger] Infraction inf-9 awaits review (zone zone-centro)');
    expect(notification.text).toContain('Plate: BRA2E19 (read with confidence 0.81)');
    expect(notification.text).toContain('Review before: 2026-03-31T08:00:00.000Z');
    expect(notification.text).not.toContain('Speed:');
  });

  it('says so when no plate was read, and gives the speeds of a speed violation', () => {
    const speed = { jurisdiction: 'PE', measuredKmh: 75, toleranceKmh: 5, consideredKmh: 70, limitKmh: 60 };
    const { text } = infractionAwaitsReview(detected({ plate: null, infractionType: 'SPEED_VIOLATION', speed }));
    expect(text).toContain('Plate: not read');
    expect(text).toContain('Speed: 75 km/h measured, 70 km/h considered, limit 60 km/h');
  });

  it('asks the supervisors to hear an appeal, naming the appeal, the infraction and the zone', () => {
    const notification = appealFiled(
      { infractionId: 'inf-9', appealId: 'ap-1', grounds: 'stolen car', filedBy: 'user:olga' },
      { zoneId: 'zone-centro', infractionType: 'RED_LIGHT', plate: 'BRA2E19' },
    );
    expect(notification).toMatchObject({ kind: 'APPEAL_FILED', role: 'supervisor', zoneId: 'zone-centro' });
    expect(notification.subject).toBe('[Roadledger] Appeal ap-1 on infraction inf-9 (zone zone-centro)');
    expect(notification.text).toContain('Infraction: inf-9 (RED_LIGHT, plate BRA2E19)');
  });
});
