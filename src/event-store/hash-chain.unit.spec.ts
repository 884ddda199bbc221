import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { chainHashes, eventDocument, eventHash, GENESIS_HASH, verifyChain, type StoredLink } from './hash-chain.js';

const stream = 'infraction-1';

function chain(count: number): StoredLink[] {
  const links: StoredLink[] = [];
  let previousHash = GENESIS_HASH;
  for (let revision = 0; revision < count; revision += 1) {
    const content = { type: 'InfractionDetected', data: { revision }, metadata: { eventId: `e${revision}` } };
    const hash = eventHash({ stream, revision, previousHash, ...content });
    links.push({ revision, previousHash, hash, ...content });
    previousHash = hash;
  }
  return links;
}

async function* from(links: StoredLink[]): AsyncGenerator<StoredLink> {
  yield* links;
}

describe('hash chain', () => {
  it('hashes the canonical document whose layout the PostgreSQL append function rebuilds', () => {
    const content = { stream, revision: 3, type: 'T', data: { b: 1, a: 2 }, metadata: { z: 'x' }, previousHash: 'ab' };
    expect(eventDocument(content)).toBe(
      `{"data":${canonicalJson(content.data)},"metadata":${canonicalJson(content.metadata)},"previousHash":"ab",` +
        `"revision":3,"stream":${canonicalJson(stream)},"type":${canonicalJson('T')}}`,
    );
    expect(eventHash(content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('chains hashes from canonical fragments exactly as eventHash does from the content', () => {
    const odd = 'stream "with" \\ quotes é';
    const events = chain(3).map(({ type, data, metadata }) => ({ type, data: { ...(data as object), note: 'ü\n"' }, metadata }));
    const fragments = events.map(({ type, data, metadata }) => ({
      typeJson: canonicalJson(type),
      dataJson: canonicalJson(data),
      metadataJson: canonicalJson(metadata),
    }));
    const start = 'a'.repeat(64);
    const hashes = chainHashes(canonicalJson(odd), 5, start, fragments);
    const expected = [eventHash({ stream: odd, revision: 5, previousHash: start, ...events[0]! })];
    expected.push(eventHash({ stream: odd, revision: 6, previousHash: expected[0]!, ...events[1]! }));
    expected.push(eventHash({ stream: odd, revision: 7, previousHash: expected[1]!, ...events[2]! }));
    expect(hashes).toEqual(expected);
  });

  it('changes the hash when any part of the content changes', () => {
    const base = { stream, revision: 0, type: 'T', data: { a: 1 }, metadata: {}, previousHash: GENESIS_HASH };
    const hashes = new Set([
      eventHash(base),
      eventHash({ ...base, stream: 'infraction-2' }),
      eventHash({ ...base, revision: 1 }),
      eventHash({ ...base, type: 'U' }),
      eventHash({ ...base, data: { a: 2 } }),
      eventHash({ ...base, metadata: { a: 1 } }),
      eventHash({ ...base, previousHash: 'f'.repeat(64) }),
    ]);
    expect(hashes.size).toBe(7);
  });

  it('accepts an intact chain and reports its last hash', async () => {
    const links = chain(3);
    expect(await verifyChain(stream, from(links), 2)).toEqual({ ok: true, stream, events: 3, lastHash: links[2]!.hash });
  });

  it('reports changed content at the revision that was changed', async () => {
    const links = chain(4);
    links[2] = { ...links[2]!, data: { revision: 99 } };
    expect(await verifyChain(stream, from(links))).toMatchObject({ ok: false, firstBadRevision: 2, reason: 'HASH_MISMATCH' });
  });

  it('reports a rehashed event at the next revision, whose link no longer points at it', async () => {
    const links = chain(4);
    const forged = { ...links[1]!, data: { revision: 99 } };
    links[1] = { ...forged, hash: eventHash({ stream, ...forged }) };
    expect(await verifyChain(stream, from(links))).toMatchObject({ ok: false, firstBadRevision: 2, reason: 'CHAIN_BROKEN' });
  });

  it('reports a removed event as a revision gap where it was', async () => {
    const links = chain(4);
    links.splice(1, 1);
    expect(await verifyChain(stream, from(links))).toMatchObject({ ok: false, events: 1, firstBadRevision: 1, reason: 'REVISION_GAP' });
  });

  it('reports events cut from the end when the head revision is known', async () => {
    expect(await verifyChain(stream, from(chain(2)), 3)).toMatchObject({ ok: false, firstBadRevision: 2, reason: 'REVISION_GAP' });
  });
});
