import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evidenceStoreContract } from '../contract.js';
import { LocalEvidenceStore } from './local-evidence-store.js';

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

async function localStore(clock: { now: number }) {
  const root = await mkdtemp(join(tmpdir(), 'roadledger-evidence-'));
  roots.push(root);
  const store = new LocalEvidenceStore({ root, publicBaseUrl: 'http://127.0.0.1:4000/evidence', signingSecret: 'test-secret-0123456789', now: () => new Date(clock.now) });
  return { store, root };
}

evidenceStoreContract('local folder', async () => {
  const clock = { now: Date.parse('2026-03-01T12:00:00Z') };
  const { store } = await localStore(clock);
  return {
    store,
    readSignedUrl: (url) => store.readSignedUrl(url),
    passTime: async (seconds) => void (clock.now += seconds * 1000),
  };
});

describe('local evidence store', () => {
  it('leaves no temporary file beside the evidence', async () => {
    const { store, root } = await localStore({ now: Date.now() });
    await store.put('device-1/2026-03-01/a.jpg', Buffer.from('jpeg bytes'), 'image/jpeg');
    expect(await readdir(join(root, 'device-1/2026-03-01'))).toEqual(['a.jpg']);
  });

  it('refuses a URL signed with another secret', async () => {
    const clock = { now: Date.now() };
    const { store } = await localStore(clock);
    const stored = await store.put('k/a.jpg', Buffer.from('x'), 'image/jpeg');
    const other = new LocalEvidenceStore({ root: '/nowhere', publicBaseUrl: 'http://127.0.0.1:4000/evidence', signingSecret: 'another-secret-987654', now: () => new Date(clock.now) });
    const forged = (await other.signedUrl(stored.uri, 60)).replace('/nowhere', '');
    await expect(store.readSignedUrl(forged)).rejects.toMatchObject({ code: 'EVIDENCE_URL_REFUSED' });
  });
});
