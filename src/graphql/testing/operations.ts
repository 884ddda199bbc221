// GraphQL documents and variables the e2e specifications share.
import { randomUUID } from 'node:crypto';

export const commandId = (): string => randomUUID();

export const INFRACTION_FIELDS = `
  id type status deviceId zoneId occurredAt reviewDeadline revision validatedBy rejectionReason paidAt fineScheduleVersion
  plate { text confidence verified }
  speed { measuredKmh limitKmh toleranceKmh consideredKmh }
  evidence { kind sha256 url }
  fine { amountMinor currency }
  appeal { id outcome }
  owner { subjectId visibility name documentNumber }`;

export const RESULT = `{ commandId duplicate stream revision events infraction { ${INFRACTION_FIELDS} } }`;

export const PUBLISH_SCHEDULE = `mutation($commandId: ID!, $schedule: FineScheduleInput!) { publishFineSchedule(commandId: $commandId, schedule: $schedule) { revision events } }`;

export const SCHEDULE = {
  version: 1,
  effectiveFrom: '2020-01-01T00:00:00Z',
  currency: 'PEN',
  amountsByType: { RED_LIGHT: 40000, LANE_INVASION: 20000, NO_SEATBELT: 15000, PHONE_USAGE: 30000, OTHER: 10000 },
  speedBands: [
    { minExcessKmh: 0, amountMinor: 45000 },
    { minExcessKmh: 20, amountMinor: 90000 },
  ],
};

export const RECORD_DETECTED = `mutation($commandId: ID!, $input: RecordInfractionDetectedInput!) { recordInfractionDetected(commandId: $commandId, input: $input) ${RESULT} }`;

export function detection(overrides: { infractionId: string; deviceId?: string; occurredAt?: string; type?: string; zoneId?: string }) {
  return {
    infractionId: overrides.infractionId,
    type: overrides.type ?? 'SPEED_VIOLATION',
    deviceId: overrides.deviceId ?? 'device-1',
    zoneId: overrides.zoneId ?? 'zone-1',
    occurredAt: overrides.occurredAt ?? new Date(Date.now() - 3_600_000).toISOString(),
    plate: { text: 'abc 123', confidence: 0.55, reader: 'tesseract.js@7/eng' },
    speed: { measuredKmh: 80, limitKmh: 50, jurisdiction: 'PE' },
    evidence: [{ kind: 'SNAPSHOT', uri: `evidence://local/${overrides.infractionId}/snapshot.jpg`, sha256: 'a'.repeat(64), contentType: 'image/jpeg' }],
    trackId: 'track-7',
    lane: 'lane-1',
  };
}

export const HISTORY = `query($id: ID!) { infractionHistory(id: $id) { revision type actor { kind id role } occurredAt recordedAt reason commandId correlationId hash previousHash } }`;
export const AS_OF = `query($id: ID!, $at: DateTime!) { infractionAsOf(id: $id, at: $at) { asOf revision infraction { status revision plate { text verified } fine { amountMinor } appeal { outcome } } } }`;
export const VERIFY = `query($stream: String!) { verifyStream(stream: $stream) { stream ok events firstBadRevision reason lastHash } }`;
export const INFRACTION = `query($id: ID!) { infraction(id: $id) { ${INFRACTION_FIELDS} } }`;
