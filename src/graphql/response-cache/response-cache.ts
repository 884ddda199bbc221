// Answers to read queries kept in memory, bounded by bytes (lru-cache), each valid while
// the read models it was read from have not moved since it was stamped (ReadModelVersions).
// The key holds everything the answer depends on besides the read models: the query text,
// the operation name, the variables, the caller (role and user: masking depends on both)
// and the accepted media type.
import { LRUCache } from 'lru-cache';
import { Counter, register } from 'prom-client';
import type { Viewer } from '../auth/claims.js';
import type { ReadModelVersions } from './read-model-versions.js';

export interface CachedAnswer {
  body: string;
  contentType: string;
  sources: readonly string[];
  stamp: number;
}

/** What the HTTP layer hands through a request so the answer can be kept once it is known to be cacheable. */
export interface CacheTicket {
  key: string;
  stamp: number;
  /** Set by the cache plugin: the sources of a cacheable operation that answered without errors. */
  sources?: readonly string[];
}

export interface CacheRequest {
  query: string;
  operationName: string | null;
  variables: unknown;
  viewer: Viewer;
  accept: string | undefined;
}

const lookups =
  (register.getSingleMetric('roadledger_graphql_response_cache_lookups_total') as Counter<'result'> | undefined) ??
  new Counter({
    name: 'roadledger_graphql_response_cache_lookups_total',
    help: 'GraphQL read queries looked up in the response cache: hit, miss, or off (no live change listener)',
    labelNames: ['result'],
  });

export class ResponseCache {
  private readonly entries: LRUCache<string, CachedAnswer>;

  constructor(
    private readonly versions: ReadModelVersions,
    maxBytes: number,
  ) {
    this.entries = new LRUCache<string, CachedAnswer>({ maxSize: maxBytes, sizeCalculation: (answer, key) => answer.body.length + key.length });
  }

  keyOf(request: CacheRequest): string {
    // Every part but the last is length-prefixed, so no part can pass for another whatever
    // characters it holds; the query text goes last as it is (escaping it as JSON was ~1% of a miss).
    const parts = [request.viewer.role ?? '', request.viewer.key, request.accept ?? '', request.operationName ?? '', JSON.stringify(request.variables ?? null)];
    let key = '';
    for (const part of parts) key += `${part.length}:${part}`;
    return key + request.query;
  }

  /** The kept answer still valid for `key`, or a ticket to keep the answer about to be made (null when the cache is off). */
  lookup(key: string): { hit: CachedAnswer } | { ticket: CacheTicket } | null {
    const stamp = this.versions.stamp();
    if (stamp === null) {
      lookups.inc({ result: 'off' });
      return null;
    }
    const answer = this.entries.get(key);
    if (answer && this.versions.unchangedSince(answer.sources, answer.stamp)) {
      lookups.inc({ result: 'hit' });
      return { hit: answer };
    }
    if (answer) this.entries.delete(key);
    lookups.inc({ result: 'miss' });
    return { ticket: { key, stamp } };
  }

  /** Keeps the answer if its operation was cacheable and nothing it read moved while it was made. */
  keep(ticket: CacheTicket, body: string, contentType: string): void {
    if (!ticket.sources || !this.versions.unchangedSince(ticket.sources, ticket.stamp)) return;
    this.entries.set(ticket.key, { body, contentType, sources: ticket.sources, stamp: ticket.stamp });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
