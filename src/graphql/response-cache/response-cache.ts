// Answers to read queries kept in memory, bounded by bytes (lru-cache), each valid while
// the read models it was read from have not moved since it was stamped (ReadModelVersions).
// The key holds everything the answer depends on besides the read models: the query text,
// the operation name, the variables, the caller (role and user: masking depends on both)
// and the accepted media type.
// A burst of identical misses is answered by one execution (single flight): a request that
// misses while an identical one is being read waits for that answer, if no change was
// signalled since the flight's stamp (see join()).
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

/** What a request executing under a ticket produced: a complete 200 body, or null (failed, streamed, another status). */
export type Outcome = { body: string; contentType: string } | null;

interface Flight {
  ticket: CacheTicket;
  /** Resolves with the leader's answer when waiters may have it, else null; never rejects. */
  answer: Promise<CachedAnswer | null>;
  land: (answer: CachedAnswer | null) => void;
}

export type Lookup = { hit: CachedAnswer } | { ticket: CacheTicket } | { joined: Promise<CachedAnswer | null> };

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
    help: 'GraphQL read queries looked up in the response cache: hit, joined (answered by an identical request in flight), miss, or off (no live change listener)',
    labelNames: ['result'],
  });

export class ResponseCache {
  private readonly entries: LRUCache<string, CachedAnswer>;
  /** The misses being executed, by key: at most one per key is joinable. */
  private readonly flights = new Map<string, Flight>();
  /** Every flight by its leader's ticket, also one a newer flight replaced (its waiters still wait). */
  private readonly flightOf = new WeakMap<CacheTicket, Flight>();

  /** `maxWaitMs`: the longest a request waits for another's answer before executing itself (0: never joins). */
  constructor(
    private readonly versions: ReadModelVersions,
    maxBytes: number,
    private readonly maxWaitMs = 2_000,
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

  /**
   * The kept answer still valid for `key`; or the answer of an identical request in flight to
   * wait for (null if it cannot be had: then look up again with `join: false`); or a ticket to
   * execute under, which must be landed. Null when the cache is off.
   */
  lookup(key: string, { join = true } = {}): Lookup | null {
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
    const flight = this.flights.get(key);
    if (join && flight && this.maxWaitMs > 0 && this.joinable(flight.ticket, stamp)) return { joined: this.join(flight) };
    lookups.inc({ result: 'miss' });
    const ticket: CacheTicket = { key, stamp };
    let land!: (answer: CachedAnswer | null) => void;
    const settled = new Promise<CachedAnswer | null>((resolve) => (land = resolve));
    const started: Flight = { ticket, answer: settled, land };
    this.flights.set(key, started);
    this.flightOf.set(ticket, started);
    return { ticket };
  }

  /**
   * A request arriving after a flight's stamp with no change signalled in between would read
   * what the flight reads (a read concurrent with a later change may return either state, as
   * any read may). Until the flight knows its sources, no source may have changed at all.
   */
  private joinable(ticket: CacheTicket, now: number): boolean {
    return ticket.sources ? this.versions.unchangedSince(ticket.sources, ticket.stamp) : now === ticket.stamp;
  }

  private async join(flight: Flight): Promise<CachedAnswer | null> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(resolve, this.maxWaitMs, null)));
    const answer = await Promise.race([flight.answer, late]);
    clearTimeout(timer);
    if (answer) lookups.inc({ result: 'joined' });
    return answer;
  }

  /**
   * Ends the flight of `ticket`: its waiters get the answer when it is cacheable (the plugin
   * set its sources: a query with no errors) and complete with status 200, else they execute
   * on their own. The answer is kept only if nothing it read moved while it was made.
   */
  land(ticket: CacheTicket, outcome: Outcome): void {
    const answer = outcome && ticket.sources ? { ...outcome, sources: ticket.sources, stamp: ticket.stamp } : null;
    if (answer && this.versions.unchangedSince(answer.sources, answer.stamp)) this.entries.set(ticket.key, answer);
    const flight = this.flightOf.get(ticket);
    if (!flight) return;
    this.flightOf.delete(ticket);
    if (this.flights.get(ticket.key) === flight) this.flights.delete(ticket.key);
    flight.land(answer);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
