// The memory cache's own rules beyond the contract: expiry by its clock and a bounded size.
import { describe, expect, it } from 'vitest';
import { MemoryCache } from './memory-cache.js';

describe('MemoryCache', () => {
  it('expires an entry exactly when its time to live has passed on its clock', async () => {
    let now = 1_000;
    const cache = new MemoryCache({ now: () => now });
    await cache.set('ABC-123', 'record', 24 * 3_600_000);
    now += 24 * 3_600_000 - 1;
    expect(await cache.get('ABC-123')).toBe('record');
    now += 1;
    expect(await cache.get('ABC-123')).toBeUndefined();
  });

  it('evicts the least recently written entry beyond its size bound', async () => {
    const cache = new MemoryCache({ maxEntries: 2 });
    await cache.set('a', '1', 60_000);
    await cache.set('b', '2', 60_000);
    await cache.set('a', '1 again', 60_000);
    await cache.set('c', '3', 60_000);
    expect([await cache.get('a'), await cache.get('b'), await cache.get('c')]).toEqual(['1 again', undefined, '3']);
  });
});
