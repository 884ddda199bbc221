// The production cache: Redis keys under a prefix, expired by the server (SET ... PX).
import { Redis } from 'ioredis';
import type { TtlCache } from './port.js';

export interface RedisCacheOptions {
  url: string;
  /** Namespaces the keys, e.g. "roadledger:registry:". */
  prefix: string;
}

export class RedisCache implements TtlCache {
  private readonly redis: Redis;

  constructor(private readonly options: RedisCacheOptions) {
    // Few retries per command: a cache that does not answer must fail fast, not hold the caller.
    this.redis = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: true });
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.options.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.options.prefix + key, value, 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
