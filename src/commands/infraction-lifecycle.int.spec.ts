// The whole life of an infraction through the CommandBus on real PostgreSQL: detection to
// payment, and through an appeal that is accepted or dismissed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, device, operator, supervisor } from '../domain/testing/actors.js';
import { recordDetected, SCHEDULE_V1 } from '../domain/testing/infraction-builders.js';
import type { Actor } from '../domain/shared/actor.js';
import { collect } from '../event-store/contract/builders.js';
import { send, type BusCommand } from './command-messages.js';
import { startWriteSide, type WriteSide } from './testing/write-side-fixture.js';

let side: WriteSide;
beforeAll(async () => {
  side = await startWriteSide();
  await run('PublishFineSchedule', SCHEDULE_V1, admin());
});
afterAll(() => side?.close());

const NOW = '2026-03-02T09:00:00.000Z';
let sequence = 0;

function run(type: BusCommand['type'], data: unknown, actor: Actor) {
  const commandId = `cmd-${++sequence}`;
  return send(side.bus, { type, data, metadata: { commandId, correlationId: commandId, actor, now: NOW } } as BusCommand);
}

async function detected(infractionId: string): Promise<void> {
  const detection = recordDetected({ infractionId }, { commandId: `detect-${infractionId}` });
  await send(side.bus, detection);
}

async function eventTypes(infractionId: string): Promise<string[]> {
  return (await collect(side.store.readStream(`infraction-${infractionId}`))).map((event) => event.type);
}

const FINE = { amountMinor: 20_000, currency: 'PEN' };

describe('an infraction through the command bus', () => {
  it('goes from detection to validation, a fine priced by the schedule, and payment', async () => {
    await detected('life-1');
    await run('ValidateInfraction', { infractionId: 'life-1' }, operator('olga'));
    const fined = await run('IssueFine', { infractionId: 'life-1' }, operator('olga'));
    // 75 km/h measured, 5 km/h tolerance (PE), limit 60: 10 km/h over, the first band.
    expect(fined.events[0]).toMatchObject({ type: 'FineIssued', data: { amount: FINE, scheduleVersion: 1, speedBandMinExcessKmh: 0 } });
    const paid = await run('RecordPayment', { infractionId: 'life-1', paymentId: 'pay-1', amount: FINE, paidAt: NOW }, operator('olga'));
    expect(paid.state).toMatchObject({ status: 'PAID' });
    expect(await eventTypes('life-1')).toEqual(['InfractionDetected', 'InfractionValidated', 'FineIssued', 'PaymentRecorded']);
    expect(await side.store.verify('infraction-life-1')).toMatchObject({ ok: true, events: 4 });
  });

  it('is cancelled when a supervisor other than the validator accepts the appeal', async () => {
    await detected('life-2');
    await run('ValidateInfraction', { infractionId: 'life-2' }, operator('olga'));
    await run('IssueFine', { infractionId: 'life-2' }, operator('olga'));
    await run('FileAppeal', { infractionId: 'life-2', appealId: 'ap-2', grounds: 'the car was stolen' }, operator('olga'));
    const resolved = await run('ResolveAppeal', { infractionId: 'life-2', appealId: 'ap-2', outcome: 'ACCEPTED', reason: 'police report' }, supervisor('sam'));
    expect(resolved.state).toMatchObject({ status: 'CANCELLED' });
    expect(await eventTypes('life-2')).toEqual(['InfractionDetected', 'InfractionValidated', 'FineIssued', 'AppealFiled', 'AppealResolved']);
  });

  it('stays fined after a dismissed appeal and is then paid', async () => {
    await detected('life-3');
    await run('ValidateInfraction', { infractionId: 'life-3' }, operator('olga'));
    await run('IssueFine', { infractionId: 'life-3' }, operator('olga'));
    await run('FileAppeal', { infractionId: 'life-3', appealId: 'ap-3', grounds: 'I was not driving' }, operator('olga'));
    const dismissed = await run('ResolveAppeal', { infractionId: 'life-3', appealId: 'ap-3', outcome: 'DISMISSED', reason: 'evidence is clear' }, supervisor('sam'));
    expect(dismissed.state).toMatchObject({ status: 'FINED' });
    await run('RecordPayment', { infractionId: 'life-3', paymentId: 'pay-3', amount: FINE, paidAt: NOW }, operator('olga'));
    expect(await eventTypes('life-3')).toEqual([
      'InfractionDetected',
      'InfractionValidated',
      'FineIssued',
      'AppealFiled',
      'AppealResolved',
      'PaymentRecorded',
    ]);
  });

  it('refuses an appeal resolved by the supervisor who validated (four eyes)', async () => {
    await detected('life-4');
    await run('ValidateInfraction', { infractionId: 'life-4' }, supervisor('sam'));
    await run('IssueFine', { infractionId: 'life-4' }, operator('olga'));
    await run('FileAppeal', { infractionId: 'life-4', appealId: 'ap-4', grounds: 'wrong car' }, operator('olga'));
    await expect(
      run('ResolveAppeal', { infractionId: 'life-4', appealId: 'ap-4', outcome: 'ACCEPTED', reason: 'ok' }, supervisor('sam')),
    ).rejects.toMatchObject({ code: 'SAME_PERSON_CANNOT_RESOLVE_APPEAL' });
  });

  it('refuses a payment of anything but the amount due, and a second payment', async () => {
    await detected('life-5');
    await run('ValidateInfraction', { infractionId: 'life-5' }, operator('olga'));
    await run('IssueFine', { infractionId: 'life-5' }, operator('olga'));
    await expect(
      run('RecordPayment', { infractionId: 'life-5', paymentId: 'p', amount: { amountMinor: 100, currency: 'PEN' }, paidAt: NOW }, operator('olga')),
    ).rejects.toMatchObject({ code: 'WRONG_AMOUNT' });
    await run('RecordPayment', { infractionId: 'life-5', paymentId: 'p1', amount: FINE, paidAt: NOW }, operator('olga'));
    await expect(
      run('RecordPayment', { infractionId: 'life-5', paymentId: 'p2', amount: FINE, paidAt: NOW }, operator('olga')),
    ).rejects.toMatchObject({ code: 'ALREADY_PAID' });
  });

  it('records a detection from the camera that saw it, and only from that camera', async () => {
    await expect(send(side.bus, recordDetected({ infractionId: 'life-6', deviceId: 'cam-1' }, { by: device('cam-2') }))).rejects.toMatchObject({
      code: 'DEVICE_MISMATCH',
    });
    const recorded = await send(side.bus, recordDetected({ infractionId: 'life-6' }, { by: device('cam-1'), commandId: 'detect-life-6' }));
    expect(recorded.events.map((event) => event.type)).toEqual(['InfractionDetected']);
  });
});
