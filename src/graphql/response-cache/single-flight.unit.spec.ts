// Single flight in the response cache: a miss that an identical request is already reading
// waits for that answer instead of reading again, but only when no change was signalled since
// that read's stamp, and never for an answer it could not have had itself.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResponseCache, type CacheTicket, type Lookup } from './response-cache.js';
import type { ReadModelVersions } from './read-model-versions.js';

/** The versions' contract (a counter bumped per change signal, per-source change stamps), without a listener. */
class Versions {
  private counter = 1;
  private readonly changedAt = new Map<string, number>();
  stamp(): number {
    return this.counter;
  }
  unchangedSince(sources: readonly string[], stamp: number): boolean {
    return sources.every((source) => (this.changedAt.get(source) ?? 0) <= stamp);
  }
  changed(source: string): void {
    this.changedAt.set(source, ++this.counter);
  }
}

const KEY = 'queue zone-1 page 1';
const BODY = { body: '{"data":{"infractions":[]}}', contentType: 'application/json; charset=utf-8' };
let versions: Versions;
const cacheWith = (maxWaitMs?: number) => {
  versions = new Versions();
  return new ResponseCache(versions as unknown as ReadModelVersions, 1024 * 1024, maxWaitMs);
};

function ticketOf(found: Lookup | null): CacheTicket {
  if (!found || !('ticket' in found)) throw new Error(`expected a ticket, got ${JSON.stringify(found)}`);
  return found.ticket;
}
function joinedOf(found: Lookup | null): Promise<unknown> {
  if (!found || !('joined' in found)) throw new Error(`expected to join a flight, got ${JSON.stringify(found)}`);
  return found.joined;
}
/** What the cache plugin does for a cacheable query that answered without errors. */
const answered = (ticket: CacheTicket, sources = ['infractions']) => Object.assign(ticket, { sources });

afterEach(() => vi.useRealTimers());

describe('a miss while an identical request is being read', () => {
  it('waits for that answer instead of reading again', async () => {
    const cache = cacheWith();
    const leader = ticketOf(cache.lookup(KEY));
    const waiters = [joinedOf(cache.lookup(KEY)), joinedOf(cache.lookup(KEY))];
    cache.land(answered(leader), BODY);
    for (const waiter of waiters) await expect(waiter).resolves.toMatchObject(BODY);
  });

  it('reads again when any change was signalled since the flight began and its sources are not yet known', () => {
    const cache = cacheWith();
    ticketOf(cache.lookup(KEY));
    versions.changed('zones');
    expect(ticketOf(cache.lookup(KEY)).stamp).toBe(versions.stamp());
  });

  it('once the flight knows its sources, joins after a change to another read model but not after one to its own', () => {
    const cache = cacheWith();
    const leader = answered(ticketOf(cache.lookup(KEY)));
    versions.changed('zones');
    expect(cache.lookup(KEY)).toHaveProperty('joined');
    versions.changed('infractions');
    expect(cache.lookup(KEY)).toHaveProperty('ticket');
    cache.land(leader, BODY);
  });

  it('gets the answer of a flight it joined though a change committed during the read, which is then not kept', async () => {
    const cache = cacheWith();
    const leader = ticketOf(cache.lookup(KEY));
    const waiter = joinedOf(cache.lookup(KEY));
    versions.changed('infractions');
    cache.land(answered(leader), BODY);
    await expect(waiter).resolves.toMatchObject(BODY);
    expect(cache.lookup(KEY)).toHaveProperty('ticket');
  });

  it('still gets its flight\'s answer when a later request started a newer flight', async () => {
    const cache = cacheWith();
    const first = ticketOf(cache.lookup(KEY));
    const waiter = joinedOf(cache.lookup(KEY));
    versions.changed('infractions');
    const second = ticketOf(cache.lookup(KEY));
    const laterWaiter = joinedOf(cache.lookup(KEY));
    cache.land(answered(first), { ...BODY, body: 'first' });
    await expect(waiter).resolves.toMatchObject({ body: 'first' });
    cache.land(answered(second), { ...BODY, body: 'second' });
    await expect(laterWaiter).resolves.toMatchObject({ body: 'second' });
  });
});

describe('a waiter reads on its own', () => {
  it.each<[string, (cache: ResponseCache, leader: CacheTicket) => void]>([
    ['the leader failed', (cache, leader) => cache.land(leader, null)],
    ['the leader\'s answer had errors or was not cacheable (no sources)', (cache, leader) => cache.land(leader, BODY)],
    ['the leader\'s answer was not a complete 200', (cache, leader) => cache.land(answered(leader), null)],
  ])('when %s', async (_what, end) => {
    const cache = cacheWith();
    const leader = ticketOf(cache.lookup(KEY));
    const waiter = joinedOf(cache.lookup(KEY));
    end(cache, leader);
    await expect(waiter).resolves.toBeNull();
    expect(cache.lookup(KEY, { join: false })).toHaveProperty('ticket');
  });

  it('when the leader has not answered within the bound', async () => {
    vi.useFakeTimers();
    const cache = cacheWith(500);
    ticketOf(cache.lookup(KEY));
    let settled: unknown = 'waiting';
    void joinedOf(cache.lookup(KEY)).then((answer) => (settled = answer));
    await vi.advanceTimersByTimeAsync(499);
    expect(settled).toBe('waiting');
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBeNull();
  });

  it('always, when the bound is 0', () => {
    const cache = cacheWith(0);
    ticketOf(cache.lookup(KEY));
    ticketOf(cache.lookup(KEY));
  });

  it('when it asks not to join (after a join came to nothing)', () => {
    const cache = cacheWith();
    ticketOf(cache.lookup(KEY));
    ticketOf(cache.lookup(KEY, { join: false }));
  });
});
