// Every command by every kind of actor through the CommandBus: allowed, or FORBIDDEN_ROLE
// before anything is read or written. The cases are generated from testing/role-matrix.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../domain/shared/actor.js';
import { EVIDENCE_HASH, SCHEDULE_V1 } from '../domain/testing/infraction-builders.js';
import { send, type BusCommand, type BusCommandType } from './command-messages.js';
import { ACTOR_KINDS, ROLE_MATRIX, type ActorKind } from './testing/role-matrix.js';
import { startWriteSide, type WriteSide } from './testing/write-side-fixture.js';

const NOW = '2026-03-02T09:00:00.000Z';
const infractionId = 'matrix-1';
const deviceId = 'cam-1';
const zoneId = 'zone-1';

const ACTORS: Record<ActorKind, Actor> = {
  admin: { kind: 'user', userId: 'ada', role: 'admin' },
  supervisor: { kind: 'user', userId: 'sam', role: 'supervisor' },
  operator: { kind: 'user', userId: 'olga', role: 'operator' },
  auditor: { kind: 'user', userId: 'aldo', role: 'auditor' },
  device: { kind: 'device', deviceId },
  service: { kind: 'service', name: 'expiry' },
};

/** Well-formed data for each command; whether the aggregate accepts it does not matter here. */
const DATA: Record<BusCommandType, unknown> = {
  RecordInfractionDetected: {
    infractionId, infractionType: 'RED_LIGHT', deviceId, zoneId, occurredAt: '2026-03-01T08:00:00.000Z',
    plate: { text: 'ABC-123', confidence: 0.95, reader: 'test', format: 'PERU' }, speed: null,
    evidence: [{ kind: 'SNAPSHOT', uri: 'e/1.jpg', sha256: EVIDENCE_HASH }], trackId: 't-1',
  },
  ConfirmPlate: { infractionId },
  CorrectPlate: { infractionId, plate: 'ABD-124', reason: 'misread' },
  ValidateInfraction: { infractionId },
  RejectInfraction: { infractionId, reason: 'FALSE_POSITIVE' },
  IssueFine: { infractionId },
  FileAppeal: { infractionId, appealId: 'ap-1', grounds: 'not me' },
  ResolveAppeal: { infractionId, appealId: 'ap-1', outcome: 'DISMISSED', reason: 'clear' },
  RecordPayment: { infractionId, paymentId: 'p-1', amount: { amountMinor: 50_000, currency: 'PEN' }, paidAt: NOW },
  CancelInfraction: { infractionId, reason: 'test' },
  ExpireInfraction: { infractionId },
  IdentifyOwner: { infractionId, plate: 'ABC-123', registry: 'SUNARP', owner: { name: 'Ana Quispe', documentType: 'DNI', documentNumber: '40123456', address: null } },
  RegisterDevice: { deviceId, zoneId, name: 'Av. Arequipa 1', streamUrl: 'rtsp://10.0.0.7/stream1' },
  CalibrateDevice: { deviceId, referencePoints: [] },
  ChangeDeviceStatus: { deviceId, status: 'MAINTENANCE' },
  RecordHeartbeat: { deviceId, at: NOW, fps: 10, latencyMs: 80 },
  RegisterZone: { zoneId, name: 'Av. Arequipa', speedLimitKmh: 60, jurisdiction: 'PE' },
  SetSpeedLimit: { zoneId, speedLimitKmh: 50 },
  SetLanes: { zoneId, lanes: [] },
  SetStopLine: { zoneId, stopLine: { a: { x: 0, y: 500 }, b: { x: 1000, y: 500 } } },
  SetSignalSource: { zoneId, signalSource: { kind: 'FRAME_REGION', region: { x: 0, y: 0, width: 20, height: 40 } } },
  PublishFineSchedule: SCHEDULE_V1,
  RecordObservation: { observationId: 'obs-1', deviceId, trackId: 't-1', observedAt: NOW, plate: null, speedKmh: 40, lane: null },
  ErasePersonalData: { subjectId: 'subject-1', reason: 'right to erasure' },
};

const ROLE_REFUSALS = ['FORBIDDEN_ROLE', 'DEVICE_MISMATCH'];

let side: WriteSide;
let sequence = 0;
beforeAll(async () => {
  side = await startWriteSide();
});
afterAll(() => side?.close());

async function refusalOf(type: BusCommandType, actor: Actor): Promise<string | null> {
  const commandId = `matrix-${++sequence}`;
  const command = { type, data: DATA[type], metadata: { commandId, correlationId: commandId, actor, now: NOW } } as BusCommand;
  try {
    await send(side.bus, command);
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('the role matrix through the command bus', () => {
  const cases = Object.entries(ROLE_MATRIX).flatMap(([type, allowed]) =>
    ACTOR_KINDS.map((kind) => ({ type: type as BusCommandType, kind, allowed: allowed.includes(kind) })),
  );

  it.each(cases)('$type by $kind: allowed=$allowed', async ({ type, kind, allowed }) => {
    const refusal = await refusalOf(type, ACTORS[kind]);
    if (allowed) expect(ROLE_REFUSALS).not.toContain(refusal);
    else expect(refusal).toBe('FORBIDDEN_ROLE');
  });
});
