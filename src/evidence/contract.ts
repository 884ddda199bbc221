// The one contract every evidence store honours, run against each adapter by its
// *.int.spec.ts. `readSignedUrl` reads a signed URL the way its real consumer does
// (plain HTTP for S3, the API's route logic for the local folder).
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EvidenceStore } from './port.js';

export interface EvidenceStoreUnderTest {
  store: EvidenceStore;
  readSignedUrl(url: string): Promise<Buffer>;
  /** Moves the store's clock (or waits) so that a URL with this TTL has expired. */
  passTime(seconds: number): Promise<void>;
}

export function evidenceStoreContract(adapter: string, setUp: () => Promise<EvidenceStoreUnderTest>): void {
  describe(`evidence store contract: ${adapter}`, () => {
    const key = (name: string) => `contract/${randomUUID()}/${name}`;
    const jpegLike = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from(randomUUID().repeat(200))]);
    const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

    it('returns the SHA-256 and size of what it stored, and the bytes read back hash the same', async () => {
      const { store } = await setUp();
      const bytes = jpegLike();
      const stored = await store.put(key('snapshot.jpg'), bytes, 'image/jpeg');
      expect(stored).toMatchObject({ sha256: sha256(bytes), size: bytes.length });
      const back = await store.get(stored.uri);
      expect(sha256(back)).toBe(stored.sha256);
      expect(back.equals(bytes)).toBe(true);
    });

    it('accepts the same bytes under the same key again with the same answer', async () => {
      const { store } = await setUp();
      const bytes = jpegLike();
      const name = key('clip.mp4');
      const first = await store.put(name, bytes, 'video/mp4');
      expect(await store.put(name, Buffer.from(bytes), 'video/mp4')).toEqual(first);
    });

    it('never overwrites evidence with other bytes', async () => {
      const { store } = await setUp();
      const name = key('snapshot.jpg');
      const original = jpegLike();
      const stored = await store.put(name, original, 'image/jpeg');
      await expect(store.put(name, jpegLike(), 'image/jpeg')).rejects.toMatchObject({ code: 'EVIDENCE_CONFLICT' });
      expect(sha256(await store.get(stored.uri))).toBe(sha256(original));
    });

    it('lets exactly one of two writers racing on a key with different bytes win', async () => {
      const { store } = await setUp();
      const name = key('raced.jpg');
      const [a, b] = [jpegLike(), jpegLike()];
      const results = await Promise.allSettled([store.put(name, a, 'image/jpeg'), store.put(name, b, 'image/jpeg')]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost.map((r) => (r.reason as { code?: string }).code)).toEqual(['EVIDENCE_CONFLICT']);
      const stored = (won[0] as PromiseFulfilledResult<{ uri: string; sha256: string }>).value;
      expect(sha256(await store.get(stored.uri))).toBe(stored.sha256);
    });

    it('adopts, when asked, the evidence already stored under a key: its URI and the SHA-256 and size of the stored bytes, which stay as they were', async () => {
      const { store } = await setUp();
      const name = key('clip.mp4');
      const [original, remade] = [jpegLike(), jpegLike()];
      const stored = await store.put(name, original, 'video/mp4');
      const adopted = await store.put(name, remade, 'video/mp4', { ifOtherBytesStored: 'adopt' });
      expect(adopted).toEqual({ uri: stored.uri, sha256: sha256(original), size: original.length, offeredSha256: sha256(remade) });
      expect((await store.get(adopted.uri)).equals(original)).toBe(true);
    });

    it('with adoption asked, a free key and the same bytes again are plain puts (nothing adopted)', async () => {
      const { store } = await setUp();
      const name = key('snapshot.jpg');
      const bytes = jpegLike();
      const first = await store.put(name, bytes, 'image/jpeg', { ifOtherBytesStored: 'adopt' });
      expect(first).toEqual({ uri: expect.stringMatching(/snapshot\.jpg$/), sha256: sha256(bytes), size: bytes.length });
      expect(await store.put(name, Buffer.from(bytes), 'image/jpeg', { ifOtherBytesStored: 'adopt' })).toEqual(first);
    });

    it('gives two writers racing on a key with different bytes, both adopting, one answer: the bytes that won', async () => {
      const { store } = await setUp();
      const name = key('raced-adopting.jpg');
      const [a, b] = [jpegLike(), jpegLike()];
      const [first, second] = await Promise.all([
        store.put(name, a, 'image/jpeg', { ifOtherBytesStored: 'adopt' }),
        store.put(name, b, 'image/jpeg', { ifOtherBytesStored: 'adopt' }),
      ]);
      expect(second.sha256).toBe(first.sha256);
      expect([sha256(a), sha256(b)]).toContain(first.sha256);
      expect([first.offeredSha256, second.offeredSha256].filter(Boolean)).toHaveLength(1);
      expect(sha256(await store.get(first.uri))).toBe(first.sha256);
    });

    it('answers EVIDENCE_NOT_FOUND for a URI with nothing behind it', async () => {
      const { store } = await setUp();
      const stored = await store.put(key('present.jpg'), jpegLike(), 'image/jpeg');
      const missing = stored.uri.replace('present.jpg', 'absent.jpg');
      await expect(store.get(missing)).rejects.toMatchObject({ code: 'EVIDENCE_NOT_FOUND' });
    });

    it('refuses keys that could escape their place', async () => {
      const { store } = await setUp();
      for (const bad of ['../outside.jpg', '/absolute.jpg', 'a/../../b.jpg', '', 'with space.jpg']) {
        await expect(store.put(bad, jpegLike(), 'image/jpeg')).rejects.toMatchObject({ code: 'EVIDENCE_INVALID_KEY' });
      }
    });

    it('gives a signed URL that reads the bytes until it expires', async () => {
      const under = await setUp();
      const bytes = jpegLike();
      const stored = await under.store.put(key('signed.jpg'), bytes, 'image/jpeg');
      // S3 signs whole seconds: a TTL of a few seconds keeps the first read inside it.
      const url = await under.store.signedUrl(stored.uri, 3);
      expect(sha256(await under.readSignedUrl(url))).toBe(stored.sha256);
      await under.passTime(4);
      await expect(under.readSignedUrl(url)).rejects.toThrow();
    });

    it('refuses a signed URL whose path was changed to another key', async () => {
      const under = await setUp();
      const stored = await under.store.put(key('mine.jpg'), jpegLike(), 'image/jpeg');
      await under.store.put(stored.uri.split('/').slice(3, -1).join('/') + '/other.jpg', jpegLike(), 'image/jpeg');
      const url = await under.store.signedUrl(stored.uri, 600);
      await expect(under.readSignedUrl(url.replace('mine.jpg', 'other.jpg'))).rejects.toThrow();
    });
  });
}
