// The head (last revision and hash) of streams this store appended to recently. An append
// that knows its stream's head hashes its events in the process and sends the chain; the
// append function uses that chain only if the head it locks is the one assumed, and
// otherwise hashes on the server. A stale entry therefore costs time, never correctness.
import { GENESIS_HASH } from '../hash-chain.js';
import type { ExpectedRevision } from '../port.js';

export interface StreamHead {
  /** -1 before the first event. */
  revision: number;
  hash: string;
}

const NEW_STREAM: StreamHead = { revision: -1, hash: GENESIS_HASH };

export class StreamHeads {
  // A Map iterates in insertion order: re-inserting on use keeps the oldest entry first.
  private readonly heads = new Map<string, StreamHead>();

  constructor(private readonly capacity = 10_000) {}

  /** The head an append with this expectation will most likely find, if known. */
  assumedHead(stream: string, expected: ExpectedRevision): StreamHead | undefined {
    if (expected === 'no_stream') return NEW_STREAM;
    const known = this.heads.get(stream);
    if (typeof expected === 'number') return known?.revision === expected ? known : undefined;
    return known;
  }

  remember(stream: string, head: StreamHead): void {
    this.heads.delete(stream);
    this.heads.set(stream, head);
    if (this.heads.size > this.capacity) {
      const oldest = this.heads.keys().next();
      if (!oldest.done) this.heads.delete(oldest.value);
    }
  }

  forget(stream: string): void {
    this.heads.delete(stream);
  }
}
