// Requests per user (or device, or service) per window, with rate-limiter-flexible:
// counted in Redis when CACHE=redis so every instance shares the budget, in memory otherwise.
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ApiSettings } from '../api-dependencies.js';
import { apiError } from '../errors.js';

export interface RequestLimiter {
  /** Spends one request of `key`'s budget; RATE_LIMITED when it is spent. */
  consume(key: string): Promise<void>;
  close(): Promise<void>;
}

export function createRequestLimiter(settings: Pick<ApiSettings, 'CACHE' | 'REDIS_URL' | 'RATE_LIMIT_POINTS' | 'RATE_LIMIT_WINDOW_SECONDS'>): RequestLimiter {
  const options = { points: settings.RATE_LIMIT_POINTS, duration: settings.RATE_LIMIT_WINDOW_SECONDS, keyPrefix: 'roadledger:api' };
  let redis: Redis | null = null;
  let limiter: RateLimiterAbstract;
  if (settings.CACHE === 'redis') {
    redis = new Redis(settings.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    limiter = new RateLimiterRedis({ ...options, storeClient: redis });
  } else {
    limiter = new RateLimiterMemory(options);
  }
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        const retryAfterSeconds = Math.ceil(refusal.msBeforeNext / 1000);
        throw apiError('RATE_LIMITED', `Too many requests: try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
      }
    },
    async close() {
      await redis?.quit();
    },
  };
}
