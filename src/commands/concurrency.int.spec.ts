// Two writers on one infraction, and a command sent twice, on real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operator } from '../domain/testing/actors.js';
import { recordDetected, reject, validate } from '../domain/testing/infraction-builders.js';
import { collect } from '../event-store/contract/builders.js';
import { send } from './command-messages.js';
import { CommandConflict } from './runner/errors.js';
import { gatedReads, type ReadGate } from './testing/read-gate.js';
import { startWriteSide, type WriteSide } from './testing/write-side-fixture.js';

let side: WriteSide;
let gate: ReadGate;
beforeAll(async () => {
  side = await startWriteSide({
    wrapStore: (store) => {
      gate = gatedReads(store);
      return gate.store;
    },
  });
});
afterAll(() => side?.close());

async function detected(infractionId: string): Promise<void> {
  await send(side.bus, recordDetected({ infractionId }, { commandId: `detect-${infractionId}` }));
}

const stream = async (infractionId: string) => collect(side.store.readStream(`infraction-${infractionId}`));

describe('two operators acting on the same infraction at the same moment', () => {
  it.each([1, 2, 3, 4, 5])('lets exactly one win and answers CONFLICT to the other (round %i)', async (round) => {
    const infractionId = `race-${round}`;
    await detected(infractionId);
    gate.arm(2); // both read revision 0 before either appends
    const results = await Promise.allSettled([
      send(side.bus, validate({ infractionId }, { by: operator('olga'), commandId: `validate-${round}` })),
      send(side.bus, reject({ infractionId }, { by: operator('omar'), commandId: `reject-${round}` })),
    ]);
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result) => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const conflict = (lost[0] as PromiseRejectedResult).reason as CommandConflict;
    expect(conflict).toBeInstanceOf(CommandConflict);
    expect(conflict).toMatchObject({ code: 'CONFLICT', reason: 'NO_LONGER_APPLIES', refusal: { code: 'INVALID_TRANSITION' } });
    const types = (await stream(infractionId)).map((event) => event.type);
    expect(types).toHaveLength(2);
    expect(['InfractionValidated', 'InfractionRejected']).toContain(types[1]);
  });

  it('answers CONFLICT to the second of two operators validating at once, and records one validation', async () => {
    await detected('race-same');
    gate.arm(2);
    const results = await Promise.allSettled([
      send(side.bus, validate({ infractionId: 'race-same' }, { by: operator('olga'), commandId: 'v-olga' })),
      send(side.bus, validate({ infractionId: 'race-same' }, { by: operator('omar'), commandId: 'v-omar' })),
    ]);
    // The loser re-reads a VALIDATED infraction: validating again no longer applies.
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await stream('race-same')).filter((event) => event.type === 'InfractionValidated')).toHaveLength(1);
  });
});

describe('a command sent twice', () => {
  it('appends nothing the second time and returns the first result', async () => {
    await detected('again-1');
    const command = validate({ infractionId: 'again-1' }, { by: operator('olga'), commandId: 'validate-again-1' });
    const first = await send(side.bus, command);
    const second = await send(side.bus, command);
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    expect(second.events).toEqual(first.events);
    expect(second.position).toEqual(first.position);
    expect((await stream('again-1')).map((event) => event.type)).toEqual(['InfractionDetected', 'InfractionValidated']);
  });

  it('returns the first result even after the stream moved on', async () => {
    await detected('again-2');
    const command = validate({ infractionId: 'again-2' }, { by: operator('olga'), commandId: 'validate-again-2' });
    const first = await send(side.bus, command);
    await send(side.bus, { type: 'CancelInfraction', data: { infractionId: 'again-2', reason: 'test' }, metadata: { ...command.metadata, commandId: 'cancel-again-2', actor: { kind: 'user', userId: 'ada', role: 'admin' } } });
    const retried = await send(side.bus, command);
    expect(retried).toMatchObject({ duplicate: true, events: first.events });
    expect(await stream('again-2')).toHaveLength(3);
  });

  it('appends once when both copies race (the event ids derive from the commandId)', async () => {
    await detected('again-3');
    const command = validate({ infractionId: 'again-3' }, { by: operator('olga'), commandId: 'validate-again-3' });
    gate.arm(2);
    const [a, b] = await Promise.all([send(side.bus, command), send(side.bus, command)]);
    expect(a.events.map((event) => event.metadata.eventId)).toEqual(b.events.map((event) => event.metadata.eventId));
    expect((await stream('again-3')).map((event) => event.type)).toEqual(['InfractionDetected', 'InfractionValidated']);
  });

  it('records a redelivered detection once', async () => {
    const detection = recordDetected({ infractionId: 'again-4' }, { commandId: 'detect-again-4' });
    const first = await send(side.bus, detection);
    // A creating command appends without reading first: the store recognises the replay by its event ids.
    const redelivered = await send(side.bus, detection);
    expect(redelivered).toMatchObject({ events: first.events, position: first.position, revision: 0 });
    expect(await stream('again-4')).toHaveLength(1);
  });

  it('refuses a second registration with its own code, not as a conflict (creating commands append without reading)', async () => {
    const register = (commandId: string) => ({
      type: 'RegisterDevice' as const,
      data: { deviceId: 'cam-9', zoneId: 'zone-1', name: 'Av. Brasil 9', streamUrl: 'rtsp://10.0.0.9/stream1' },
      metadata: { commandId, correlationId: commandId, actor: { kind: 'user' as const, userId: 'ada', role: 'admin' as const }, now: '2026-03-01T00:00:00.000Z' },
    });
    await send(side.bus, register('register-cam-9'));
    await expect(send(side.bus, register('register-cam-9-again'))).rejects.toMatchObject({ code: 'DEVICE_ALREADY_REGISTERED' });
    expect(await collect(side.store.readStream('device-cam-9'))).toHaveLength(1);
  });
});
