// Tamper evidence shared by every adapter: each event's SHA-256 covers its content and
// the previous event's hash in the same stream, so changing, removing or reordering any
// stored event breaks the chain at that point.
import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { VerifyResult } from './port.js';

/** The `previousHash` of revision 0. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedContent {
  stream: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: unknown;
  previousHash: string;
}

/**
 * The exact text that is hashed: canonical JSON whose keys sort as data, metadata,
 * previousHash, revision, stream, type. The PostgreSQL append function assembles the
 * same text from canonical fragments (see postgres/append-function.ts); keep both in step.
 */
export function eventDocument(content: ChainedContent): string {
  return canonicalJson({
    data: content.data,
    metadata: content.metadata,
    previousHash: content.previousHash,
    revision: content.revision,
    stream: content.stream,
    type: content.type,
  });
}

export function eventHash(content: ChainedContent): string {
  return hash('sha256', eventDocument(content), 'hex');
}

/** One event already encoded as canonical JSON, as an adapter that stores the text holds it. */
export interface CanonicalFragments {
  typeJson: string;
  dataJson: string;
  metadataJson: string;
}

/**
 * The hashes of events appended after `previousHash` from `firstRevision` on, from their
 * canonical fragments: the same text as eventDocument, assembled without encoding the
 * content again (the keys are written in their sorted order).
 */
export function chainHashes(
  streamJson: string,
  firstRevision: number,
  previousHash: string,
  events: readonly CanonicalFragments[],
): string[] {
  // One-shot hash(): a createHash object per event cost a third of the hashing time.
  const hashes: string[] = [];
  let previous = previousHash;
  for (const [index, event] of events.entries()) {
    const document = `{"data":${event.dataJson},"metadata":${event.metadataJson},"previousHash":"${previous}",` +
      `"revision":${firstRevision + index},"stream":${streamJson},"type":${event.typeJson}}`;
    previous = hash('sha256', document, 'hex');
    hashes.push(previous);
  }
  return hashes;
}

/** One stored event as verify sees it: what was stored, including the stored hashes. */
export interface StoredLink {
  revision: number;
  type: string;
  data: unknown;
  metadata: unknown;
  hash: string;
  previousHash: string;
}

/**
 * Walks a stream from revision 0 and reports the first revision that does not hold:
 * a missing revision, a link that does not point at the previous hash, or content that
 * no longer hashes to the stored hash. `knownLastRevision` (when the adapter records the
 * stream head separately) also catches events cut from the end.
 */
export async function verifyChain(
  stream: string,
  links: AsyncIterable<StoredLink>,
  knownLastRevision?: number,
): Promise<VerifyResult> {
  let expectedRevision = 0;
  let previousHash = GENESIS_HASH;
  let lastHash: string | null = null;
  for await (const link of links) {
    const events = expectedRevision;
    if (link.revision !== expectedRevision) {
      return { ok: false, stream, events, firstBadRevision: expectedRevision, reason: 'REVISION_GAP' };
    }
    if (link.previousHash !== previousHash) {
      return { ok: false, stream, events, firstBadRevision: link.revision, reason: 'CHAIN_BROKEN' };
    }
    const recomputed = eventHash({ stream, ...link, previousHash: link.previousHash });
    if (recomputed !== link.hash) {
      return { ok: false, stream, events, firstBadRevision: link.revision, reason: 'HASH_MISMATCH' };
    }
    previousHash = link.hash;
    lastHash = link.hash;
    expectedRevision += 1;
  }
  if (knownLastRevision !== undefined && knownLastRevision >= expectedRevision) {
    return { ok: false, stream, events: expectedRevision, firstBadRevision: expectedRevision, reason: 'REVISION_GAP' };
  }
  return { ok: true, stream, events: expectedRevision, lastHash };
}
