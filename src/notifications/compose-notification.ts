// What each event tells whom, as plain text: a new infraction asks the zone's operators to
// review it; an appeal asks the zone's supervisors to hear it. Pure: the zone comes in.
import type { AppealFiled, InfractionDetected } from '../domain/infraction/events.js';

export type RecipientRole = 'operator' | 'supervisor';
export type NotificationKind = 'INFRACTION_AWAITS_REVIEW' | 'APPEAL_FILED';

export interface Notification {
  kind: NotificationKind;
  role: RecipientRole;
  infractionId: string;
  zoneId: string;
  subject: string;
  text: string;
}

/** What the writer knows of the infraction an appeal belongs to (from its detection). */
export interface InfractionContext {
  zoneId: string;
  infractionType: string;
  plate: string | null;
}

export function infractionAwaitsReview(event: InfractionDetected['data']): Notification {
  const plate = event.plate ? `${event.plate.text} (read with confidence ${event.plate.confidence.toFixed(2)})` : 'not read';
  const lines = [
    `A new ${event.infractionType} infraction awaits review in zone ${event.zoneId}.`,
    '',
    `Infraction: ${event.infractionId}`,
    `Zone: ${event.zoneId}`,
    `Camera: ${event.deviceId}`,
    `Occurred at: ${event.occurredAt}`,
    `Plate: ${plate}`,
  ];
  if (event.speed) lines.push(`Speed: ${event.speed.measuredKmh} km/h measured, ${event.speed.consideredKmh} km/h considered, limit ${event.speed.limitKmh} km/h`);
  lines.push(`Review before: ${event.reviewDeadline}`);
  return {
    kind: 'INFRACTION_AWAITS_REVIEW',
    role: 'operator',
    infractionId: event.infractionId,
    zoneId: event.zoneId,
    subject: `[Roadledger] Infraction ${event.infractionId} awaits review (zone ${event.zoneId})`,
    text: `${lines.join('\n')}\n`,
  };
}

export function appealFiled(event: AppealFiled['data'], infraction: InfractionContext): Notification {
  const lines = [
    `An appeal was filed against infraction ${event.infractionId} in zone ${infraction.zoneId}; a supervisor must resolve it.`,
    '',
    `Infraction: ${event.infractionId} (${infraction.infractionType}, plate ${infraction.plate ?? 'not read'})`,
    `Zone: ${infraction.zoneId}`,
    `Appeal: ${event.appealId}, filed by ${event.filedBy}`,
    `Grounds: ${event.grounds}`,
  ];
  return {
    kind: 'APPEAL_FILED',
    role: 'supervisor',
    infractionId: event.infractionId,
    zoneId: infraction.zoneId,
    subject: `[Roadledger] Appeal ${event.appealId} on infraction ${event.infractionId} (zone ${infraction.zoneId})`,
    text: `${lines.join('\n')}\n`,
  };
}
