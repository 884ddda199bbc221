// Per user (or device, or service) budgets, with rate-limiter-flexible: counted in Redis
// when CACHE=redis so every instance shares them, in memory otherwise. Requests per window
// (HTTP operations, and queries or mutations sent over a socket); subscriptions started per
// window; subscriptions open at once.
import { Redis } from 'ioredis';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type IRateLimiterOptions, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ApiSettings } from '../api-dependencies.js';
import { apiError } from '../errors.js';

export interface RequestLimiter {
  /** Spends one request of `key`'s budget; RATE_LIMITED when it is spent. */
  consume(key: string): Promise<void>;
}

export interface SubscriptionLimiter {
  /**
   * Takes a subscription slot of `key`, or throws RATE_LIMITED (`limit` says which one). The
   * returned release gives the slot back; calling it more than once gives it back once.
   */
  open(key: string): Promise<() => Promise<void>>;
}

export interface ApiLimiters {
  requests: RequestLimiter;
  subscriptions: SubscriptionLimiter;
  /** Resolves once the shared store (Redis) answers; at once in memory. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

type LimiterSettings = Pick<
  ApiSettings,
  'CACHE' | 'REDIS_URL' | 'RATE_LIMIT_POINTS' | 'RATE_LIMIT_WINDOW_SECONDS' | 'SUBSCRIPTIONS_PER_USER' | 'SUBSCRIBE_RATE_POINTS' | 'SUBSCRIBE_RATE_WINDOW_SECONDS'
>;

// The open-subscriptions count lives this long after a user's first one: an instance that
// dies with sockets open leaves its slots behind in Redis, and they must not lock the user
// out for good. A count that lapses while subscriptions are still open errs on the side of
// letting the user in (at most one window of slack).
const OPEN_COUNT_TTL_SECONDS = 3_600;

/** Counts refused because the budget is spent (RateLimiterRes) rather than because the store failed (an Error). */
async function spend(limiter: RateLimiterAbstract, key: string, refused: (refusal: RateLimiterRes) => GraphQLError): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) throw refused(refusal);
    throw refusal;
  }
}

const secondsUntil = (refusal: RateLimiterRes): number => Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));

export function createApiLimiters(settings: LimiterSettings): ApiLimiters {
  const redis = settings.CACHE === 'redis' ? new Redis(settings.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null;
  // While Redis cannot answer (not connected yet, or down), each instance counts in its own
  // memory: neither every request refused nor every limit lifted.
  const limiter = (options: IRateLimiterOptions): RateLimiterAbstract =>
    redis ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) }) : new RateLimiterMemory(options);
  const requests = limiter({ points: settings.RATE_LIMIT_POINTS, duration: settings.RATE_LIMIT_WINDOW_SECONDS, keyPrefix: 'roadledger:api' });
  const subscribes = limiter({ points: settings.SUBSCRIBE_RATE_POINTS, duration: settings.SUBSCRIBE_RATE_WINDOW_SECONDS, keyPrefix: 'roadledger:subscribe' });
  const open = limiter({ points: settings.SUBSCRIPTIONS_PER_USER, duration: OPEN_COUNT_TTL_SECONDS, keyPrefix: 'roadledger:subscriptions' });

  return {
    requests: {
      consume: (key) =>
        spend(requests, key, (refusal) => {
          const retryAfterSeconds = secondsUntil(refusal);
          return apiError('RATE_LIMITED', `Too many requests: try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
        }),
    },
    subscriptions: {
      async open(key) {
        await spend(subscribes, key, (refusal) => {
          const retryAfterSeconds = secondsUntil(refusal);
          return new GraphQLError(`Too many subscriptions started: try again in ${retryAfterSeconds} s`, {
            extensions: { code: 'RATE_LIMITED', limit: 'SUBSCRIBE_RATE', retryAfterSeconds },
          });
        });
        const max = settings.SUBSCRIPTIONS_PER_USER;
        try {
          await open.consume(key);
        } catch (refusal) {
          if (!(refusal instanceof RateLimiterRes)) throw refusal;
          // A refused consume still counted; the count is of open subscriptions, so take it back.
          await open.reward(key);
          throw new GraphQLError(`At most ${max} subscriptions may be open at once: end one first`, {
            extensions: { code: 'RATE_LIMITED', limit: 'OPEN_SUBSCRIPTIONS', maxSubscriptions: max },
          });
        }
        let released = false;
        return async () => {
          if (released) return;
          released = true;
          const after = await open.reward(key);
          // Below zero: the count lapsed while this one was open; start again from nothing.
          if (after.consumedPoints < 0) await open.delete(key);
        };
      },
    },
    async ready() {
      if (redis && redis.status !== 'ready') await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
    },
    async close() {
      await redis?.quit();
    },
  };
}
