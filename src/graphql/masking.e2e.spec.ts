// Personal data as each role sees it: the owner is stored encrypted with the person's key;
// operators see it masked, supervisors, auditors and admins in clear, and once an admin
// erases the person nobody sees anything, while the stream still verifies.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiWorld, type ApiWorld } from './testing/api-world.js';
import { commandId, detection, RECORD_DETECTED, VERIFY } from './testing/operations.js';

type Owner = { subjectId: string; visibility: string; name: string | null; documentNumber: string | null };
const OWNER = `query($id: ID!) { infraction(id: $id) { owner { subjectId visibility name documentNumber } } }`;

let world: ApiWorld;
const id = `inf-owner-${Date.now()}`;

async function ownerAs(role: 'admin' | 'supervisor' | 'operator' | 'auditor'): Promise<Owner | null> {
  const response = await world.gql<{ infraction: { owner: Owner | null } | null }>(await world.token(role), OWNER, { id });
  expect(response.errors).toBeUndefined();
  return response.data!.infraction?.owner ?? null;
}

beforeAll(async () => {
  world = await apiWorld();
  const device = await world.token('device', 'device-1');
  const detected = await world.gql(device, RECORD_DETECTED, { commandId: commandId(), input: detection({ infractionId: id }) });
  expect(detected.errors).toBeUndefined();
  const identified = await world.gql(
    await world.token('service', 'registry'),
    `mutation($commandId: ID!, $id: ID!) { identifyOwner(commandId: $commandId, infractionId: $id, plate: "ABC123", registry: "SUNARP",
      owner: { name: "Juana Pérez Quispe", documentType: "DNI", documentNumber: "45678912" }) { events } }`,
    { commandId: commandId(), id },
  );
  expect(identified.errors).toBeUndefined();
  for (let attempt = 0; attempt < 100 && (await ownerAs('supervisor')) === null; attempt++) await sleep(50);
});
afterAll(async () => world?.close());

it('never writes the owner in clear into the event', async () => {
  const { rows } = await world.database.pool.query<{ data: string }>(`SELECT data::text FROM event_store.events WHERE type = 'OwnerIdentified'`);
  expect(rows).toHaveLength(1);
  expect(rows[0]!.data).not.toContain('Juana');
  expect(rows[0]!.data).not.toContain('45678912');
});

it('masks the owner for operators', async () => {
  expect(await ownerAs('operator')).toMatchObject({ visibility: 'MASKED', name: 'J*** P*** Q***', documentNumber: '***912' });
});

it('shows the owner to supervisors, auditors and admins', async () => {
  for (const role of ['supervisor', 'auditor', 'admin'] as const) {
    expect(await ownerAs(role)).toMatchObject({ visibility: 'VISIBLE', name: 'Juana Pérez Quispe', documentNumber: '45678912' });
  }
});

it('shows the owner as erased to everyone once an admin erased the person, and the stream still verifies', async () => {
  const { subjectId } = (await ownerAs('auditor'))!;
  const erased = await world.gql(
    await world.token('admin'),
    `mutation($commandId: ID!, $subject: ID!) { erasePersonalData(commandId: $commandId, subjectId: $subject, reason: "data subject request") { events } }`,
    { commandId: commandId(), subject: subjectId },
  );
  expect(erased.errors).toBeUndefined();
  for (const role of ['operator', 'supervisor', 'auditor', 'admin'] as const) {
    expect(await ownerAs(role)).toEqual({ subjectId, visibility: 'ERASED', name: null, documentNumber: null });
  }
  const verified = await world.gql<{ verifyStream: { ok: boolean } }>(await world.token('auditor'), VERIFY, { stream: `infraction-${id}` });
  expect(verified.data!.verifyStream.ok).toBe(true);
});
