// Personal data on real PostgreSQL: the owner reaches the log only as ciphertext under a
// key per person; erasing the person deletes the key, reads show them erased, and every
// hash of the log still verifies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../commands/command-messages.js';
import { startWriteSide, type WriteSide } from '../commands/testing/write-side-fixture.js';
import { admin, operator, service } from '../domain/testing/actors.js';
import { recordDetected } from '../domain/testing/infraction-builders.js';
import type { EncryptedPersonalData } from '../domain/infraction/events.js';
import type { Actor } from '../domain/shared/actor.js';
import { collect } from '../event-store/contract/builders.js';
import type { OwnerRecord } from './owner.js';

const ANA: OwnerRecord = { name: 'Ana Quispe Mamani', documentType: 'DNI', documentNumber: '40123456', address: 'Jr. Puno 123, Lima' };
const NOW = '2026-03-02T09:00:00.000Z';

let side: WriteSide;
beforeAll(async () => {
  side = await startWriteSide();
});
afterAll(() => side?.close());

const meta = (actor: Actor, commandId: string) => ({ commandId, correlationId: commandId, actor, now: NOW });

async function identify(infractionId: string, owner: OwnerRecord, commandId = `identify-${infractionId}`) {
  await send(side.bus, recordDetected({ infractionId }, { commandId: `detect-${infractionId}` }));
  return send(side.bus, { type: 'IdentifyOwner', data: { infractionId, plate: 'ABC-123', registry: 'SUNARP', owner }, metadata: meta(service('registry'), commandId) });
}

async function storedOwner(infractionId: string): Promise<{ raw: string; owner: EncryptedPersonalData }> {
  const events = await collect(side.store.readStream(`infraction-${infractionId}`));
  const identified = events.find((event) => event.type === 'OwnerIdentified')!;
  return { raw: JSON.stringify({ data: identified.data, metadata: identified.metadata }), owner: (identified.data as { owner: EncryptedPersonalData }).owner };
}

describe('personal data', () => {
  it('stores the owner encrypted, never in clear, and reads it back while the key exists', async () => {
    await identify('pd-1', ANA);
    const { raw, owner } = await storedOwner('pd-1');
    for (const clear of [ANA.name, ANA.documentNumber, ANA.address!, 'Quispe']) expect(raw).not.toContain(clear);
    expect(owner).toMatchObject({ algorithm: 'AES-256-GCM', keyId: side.vault.subjectIdFor('DNI', '40123456') });
    expect(await side.vault.decrypt(owner)).toEqual({ erased: false, data: ANA });
  });

  it('uses one key per person: the same document gets the same key, another person another', async () => {
    await identify('pd-2', { ...ANA, documentNumber: '40.123.456' });
    await identify('pd-3', { ...ANA, name: 'Luis Rojas', documentNumber: '09876543' });
    const [one, two, three] = await Promise.all(['pd-1', 'pd-2', 'pd-3'].map(storedOwner));
    expect(two!.owner.keyId).toBe(one!.owner.keyId);
    expect(three!.owner.keyId).not.toBe(one!.owner.keyId);
    const { rows } = await side.db.pool.query('SELECT count(*)::int AS keys FROM personal_data_keys');
    expect(rows[0].keys).toBe(2);
  });

  it('refuses a ciphertext that was altered', async () => {
    const { owner } = await storedOwner('pd-1');
    const flipped = Buffer.from(owner.ciphertext, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    await expect(side.vault.decrypt({ ...owner, ciphertext: flipped.toString('base64') })).rejects.toThrow();
  });

  it('erases a person: the key is deleted, reads show erased, the erasure is recorded, and the log still verifies', async () => {
    const { owner } = await storedOwner('pd-1');
    const subjectId = owner.keyId;
    const erased = await send(side.bus, { type: 'ErasePersonalData', data: { subjectId, reason: 'right to erasure (art. 17)' }, metadata: meta(admin(), 'erase-ana') });
    expect(erased).toMatchObject({ keyDeleted: true, duplicate: false });

    expect(await side.vault.decrypt(owner)).toEqual({ erased: true });
    expect(await side.vault.decrypt((await storedOwner('pd-2')).owner)).toEqual({ erased: true });
    // Another person is untouched.
    expect(await side.vault.decrypt((await storedOwner('pd-3')).owner)).toMatchObject({ erased: false, data: { name: 'Luis Rojas' } });

    const record = await collect(side.store.readStream(`person-${subjectId}`));
    expect(record.map((event) => event.type)).toEqual(['PersonalDataErased']);
    expect(JSON.stringify(record.map((event) => event.data))).not.toContain('40123456');
    for (const stream of ['infraction-pd-1', 'infraction-pd-2', `person-${subjectId}`]) {
      expect(await side.store.verify(stream)).toMatchObject({ ok: true });
    }
  });

  it('records an erasure once when the command is retried', async () => {
    const subjectId = side.vault.subjectIdFor('DNI', '40123456');
    const retried = await send(side.bus, { type: 'ErasePersonalData', data: { subjectId, reason: 'right to erasure (art. 17)' }, metadata: meta(admin(), 'erase-ana') });
    expect(retried).toMatchObject({ duplicate: true, keyDeleted: false });
    expect(await collect(side.store.readStream(`person-${subjectId}`))).toHaveLength(1);
  });

  it('lets only an admin erase a person', async () => {
    const subjectId = side.vault.subjectIdFor('DNI', '09876543');
    await expect(
      send(side.bus, { type: 'ErasePersonalData', data: { subjectId, reason: 'asked' }, metadata: meta(operator(), 'erase-luis') }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect(await side.vault.decrypt((await storedOwner('pd-3')).owner)).toMatchObject({ erased: false });
  });
});
