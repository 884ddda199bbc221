// The API's budgets per user, in memory (embedded mode) and in the real Redis (CACHE=redis),
// where every instance of the API shares them: one contract, both stores.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { createApiLimiters, type ApiLimiters } from './rate-limiter.js';

const limits = { RATE_LIMIT_POINTS: 3, RATE_LIMIT_WINDOW_SECONDS: 60, SUBSCRIPTIONS_PER_USER: 2, SUBSCRIBE_RATE_POINTS: 5, SUBSCRIBE_RATE_WINDOW_SECONDS: 60 };
const opened: ApiLimiters[] = [];
afterAll(async () => Promise.all(opened.map((limiters) => limiters.close())));

async function refusalOf(attempt: Promise<unknown>): Promise<Record<string, unknown> | null> {
  try {
    await attempt;
    return null;
  } catch (error) {
    return (error as { extensions?: Record<string, unknown> }).extensions ?? { thrown: String(error) };
  }
}

describe.each(['memory', 'redis'] as const)('budgets kept in %s', (cache) => {
  const config = loadConfig(process.env);
  const make = async (): Promise<ApiLimiters> => {
    const limiters = createApiLimiters({ ...config, ...limits, CACHE: cache });
    opened.push(limiters);
    await limiters.ready();
    return limiters;
  };
  const user = () => `user:${randomUUID()}`;

  it('refuses the request past the budget with a retry delay, and only for that user', async () => {
    const limiters = await make();
    const greedy = user();
    for (let i = 0; i < 3; i++) await limiters.requests.consume(greedy);
    expect(await refusalOf(limiters.requests.consume(greedy))).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(await refusalOf(limiters.requests.consume(user()))).toBeNull();
  });

  it('refuses a third open subscription; a refused attempt holds no slot, and a release gives one back once', async () => {
    const limiters = await make();
    const key = user();
    const first = await limiters.subscriptions.open(key);
    await limiters.subscriptions.open(key);
    expect(await refusalOf(limiters.subscriptions.open(key))).toEqual({ code: 'RATE_LIMITED', limit: 'OPEN_SUBSCRIPTIONS', maxSubscriptions: 2 });
    await first();
    await first();
    await limiters.subscriptions.open(key);
    expect(await refusalOf(limiters.subscriptions.open(key))).toMatchObject({ limit: 'OPEN_SUBSCRIPTIONS' });
  });

  it('refuses the subscription started past the window’s budget, open or not', async () => {
    const limiters = await make();
    const key = user();
    for (let i = 0; i < 5; i++) await (await limiters.subscriptions.open(key))();
    expect(await refusalOf(limiters.subscriptions.open(key))).toMatchObject({ code: 'RATE_LIMITED', limit: 'SUBSCRIBE_RATE', retryAfterSeconds: expect.any(Number) });
  });
});

describe('budgets in Redis', () => {
  it('are shared by every instance of the API: a budget spent on one is spent on the other', async () => {
    const config = loadConfig(process.env);
    const [one, other] = [createApiLimiters({ ...config, ...limits, CACHE: 'redis' }), createApiLimiters({ ...config, ...limits, CACHE: 'redis' })];
    opened.push(one, other);
    await Promise.all([one.ready(), other.ready()]);
    const key = `user:${randomUUID()}`;
    for (let i = 0; i < 3; i++) await one.requests.consume(key);
    expect(await refusalOf(other.requests.consume(key))).toMatchObject({ code: 'RATE_LIMITED' });
    await one.subscriptions.open(key);
    const release = await other.subscriptions.open(key);
    expect(await refusalOf(one.subscriptions.open(key))).toMatchObject({ limit: 'OPEN_SUBSCRIPTIONS' });
    await release();
    expect(await refusalOf(one.subscriptions.open(key))).toBeNull();
  });
});
