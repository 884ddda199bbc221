// The test Redis answers through the project's own client (ioredis): values round-trip and
// expiry is enforced by the server.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';

describe('Redis service', () => {
  let redis: Redis;
  const key = (name: string) => `test:${randomUUID()}:${name}`;

  beforeAll(() => {
    const { REDIS_URL } = loadConfig();
    expect(REDIS_URL).toBe('redis://127.0.0.1:16379');
    redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
    return redis.connect();
  });
  afterAll(async () => {
    await redis?.quit();
  });

  it('stores and returns a value', async () => {
    const plate = key('plate');
    await redis.set(plate, 'ABC-123');
    expect(await redis.get(plate)).toBe('ABC-123');
  });

  it('expires a key after its time to live', async () => {
    const limit = key('rate-limit');
    await redis.set(limit, '1', 'PX', 150);
    expect(await redis.pttl(limit)).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await redis.get(limit)).toBeNull();
  });

  it('sets a time to live on an existing key with EXPIRE', async () => {
    const seen = key('seen');
    await redis.set(seen, 'yes');
    expect(await redis.ttl(seen)).toBe(-1);
    expect(await redis.expire(seen, 60)).toBe(1);
    const ttl = await redis.ttl(seen);
    expect(ttl).toBeGreaterThan(55);
    expect(ttl).toBeLessThanOrEqual(60);
  });
});
