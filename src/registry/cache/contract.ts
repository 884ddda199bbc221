// The contract every TtlCache adapter keeps, run against each of them.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { TtlCache } from './port.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function ttlCacheContract(name: string, create: () => TtlCache): void {
  describe(`TtlCache contract: ${name}`, () => {
    const cache = create();
    const key = (what: string) => `${randomUUID()}:${what}`;
    afterAll(() => cache.close());

    it('answers undefined for a key never set', async () => {
      expect(await cache.get(key('absent'))).toBeUndefined();
    });

    it('returns what was set', async () => {
      const plate = key('ABC-123');
      await cache.set(plate, '{"found":true}', 60_000);
      expect(await cache.get(plate)).toBe('{"found":true}');
    });

    it('replaces a value set again', async () => {
      const plate = key('BRA2E19');
      await cache.set(plate, 'first', 60_000);
      await cache.set(plate, 'second', 60_000);
      expect(await cache.get(plate)).toBe('second');
    });

    it('keeps keys apart', async () => {
      const [a, b] = [key('a'), key('b')];
      await cache.set(a, 'A', 60_000);
      await cache.set(b, 'B', 60_000);
      expect([await cache.get(a), await cache.get(b)]).toEqual(['A', 'B']);
    });

    it('forgets a value after its time to live', async () => {
      const plate = key('expiring');
      await cache.set(plate, 'soon gone', 80);
      expect(await cache.get(plate)).toBe('soon gone');
      await sleep(200);
      expect(await cache.get(plate)).toBeUndefined();
    });
  });
}
