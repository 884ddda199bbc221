// Subscriptions meet the limits queries meet: depth, cost and the NUL guard before anything
// subscribes, and per user a cap on subscriptions open at once and on how many are started
// per window; a query sent over the socket spends the same request budget as over HTTP.
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiWorld, type ApiWorld } from './testing/api-world.js';

let world: ApiWorld;
const clients: Client[] = [];

const SMALL = 'subscription { infractionDetected { id } }';

beforeAll(async () => {
  world = await apiWorld({
    GRAPHQL_MAX_DEPTH: 3,
    GRAPHQL_MAX_COST: 8,
    SUBSCRIPTIONS_PER_USER: 2,
    SUBSCRIBE_RATE_POINTS: 5,
    SUBSCRIBE_RATE_WINDOW_SECONDS: 60,
    RATE_LIMIT_POINTS: 3,
    RATE_LIMIT_WINDOW_SECONDS: 60,
  });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await world?.close();
});

async function connect(subject: string): Promise<Client> {
  const token = await world.token('operator', subject);
  const client = createClient({
    url: world.server.url.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
  });
  clients.push(client);
  return client;
}

async function untilSubscribed(count: number): Promise<void> {
  for (let attempt = 0; attempt < 200 && world.server.activeSubscriptions() !== count; attempt++) await sleep(10);
  expect(world.server.activeSubscriptions()).toBe(count);
}

/** Starts a subscription and waits until the server feeds it, or refuses it (the errors). */
async function subscribe(client: Client, query: string) {
  const before = world.server.activeSubscriptions();
  const events = client.iterate({ query });
  let outcome: unknown = null;
  events.next().then(
    () => (outcome = 'answered'),
    (errors: unknown) => (outcome = errors),
  );
  for (let attempt = 0; attempt < 200 && outcome === null; attempt++) {
    if (world.server.activeSubscriptions() > before) outcome = 'subscribed';
    else await sleep(10);
  }
  return { events, outcome };
}

const refusal = (extensions: Record<string, unknown>) => [expect.objectContaining({ extensions: expect.objectContaining(extensions) })];

describe('limits on the operation', () => {
  it('refuses a subscription deeper than the depth limit before it subscribes', async () => {
    const client = await connect('sub-depth');
    const events = client.iterate({ query: 'subscription { infractionChanged(id: "inf-1") { infraction { plate { text } } } }' });
    await expect(events.next()).rejects.toEqual(refusal({ code: 'GRAPHQL_VALIDATION_FAILED' }));
    expect(world.server.activeSubscriptions()).toBe(0);
  });

  it('refuses a subscription above the cost limit, with its cost', async () => {
    const client = await connect('sub-cost');
    const events = client.iterate({ query: 'subscription { infractionDetected { id type status deviceId zoneId occurredAt reviewDeadline revision } }' });
    await expect(events.next()).rejects.toEqual(refusal({ code: 'GRAPHQL_VALIDATION_FAILED', cost: 9, maxCost: 8 }));
    expect(world.server.activeSubscriptions()).toBe(0);
  });

  it('refuses a NUL character in a variable, naming the argument', async () => {
    const client = await connect('sub-nul');
    const events = client.iterate({ query: 'subscription($id: ID!) { infractionChanged(id: $id) { event { type } } }', variables: { id: 'inf\u0000x' } });
    await expect(events.next()).rejects.toEqual(refusal({ code: 'BAD_USER_INPUT', field: 'id' }));
  });
});

describe('budgets per user', () => {
  it('refuses a third open subscription, lets another user in, and gives the slot back when one ends', async () => {
    const client = await connect('sub-many');
    const first = await subscribe(client, SMALL);
    const second = await subscribe(client, SMALL);
    expect([first.outcome, second.outcome]).toEqual(['subscribed', 'subscribed']);

    const third = client.iterate({ query: SMALL });
    await expect(third.next()).rejects.toEqual(refusal({ code: 'RATE_LIMITED', limit: 'OPEN_SUBSCRIPTIONS', maxSubscriptions: 2 }));
    const other = await subscribe(await connect('sub-other'), SMALL);
    expect(other.outcome).toBe('subscribed');

    await first.events.return?.();
    await untilSubscribed(2);
    await sleep(50); // the slot is given back once graphql-ws has completed the operation
    const again = await subscribe(client, SMALL);
    expect(again.outcome).toBe('subscribed');
    await Promise.all([second.events.return?.(), other.events.return?.(), again.events.return?.()]);
    await untilSubscribed(0);
  });

  it('gives every slot of a socket back when the socket closes', async () => {
    const client = await connect('sub-closer');
    await subscribe(client, SMALL);
    await subscribe(client, SMALL);
    await untilSubscribed(2);
    await client.dispose();
    await untilSubscribed(0);
    await sleep(50);
    const next = await connect('sub-closer');
    const reopened = await subscribe(next, SMALL);
    expect(reopened.outcome).toBe('subscribed');
    await reopened.events.return?.();
    await untilSubscribed(0);
  });

  it('refuses a user who starts too many subscriptions in the window, with a retry delay', async () => {
    const client = await connect('sub-churn');
    for (let started = 0; started < 5; started++) {
      const { events, outcome } = await subscribe(client, SMALL);
      expect(outcome).toBe('subscribed');
      await events.return?.();
      await untilSubscribed(0);
    }
    const refused = client.iterate({ query: SMALL });
    await expect(refused.next()).rejects.toEqual(refusal({ code: 'RATE_LIMITED', limit: 'SUBSCRIBE_RATE', retryAfterSeconds: expect.any(Number) }));
    expect(world.server.activeSubscriptions()).toBe(0);
  });

  it('counts a query sent over the socket against the same request budget as HTTP', async () => {
    const client = await connect('socket-reader');
    const ask = () => new Promise<unknown>((resolve, reject) => {
      let result: unknown;
      client.subscribe({ query: '{ infractions(first: 1) { pageInfo { hasNextPage } } }' }, { next: (value) => (result = value), error: reject, complete: () => resolve(result) });
    });
    const token = await world.token('operator', 'socket-reader');
    expect((await world.gql(token, '{ infractions(first: 1) { pageInfo { hasNextPage } } }')).errors).toBeUndefined();
    await expect(ask()).resolves.toMatchObject({ data: { infractions: { pageInfo: { hasNextPage: false } } } });
    await expect(ask()).resolves.toMatchObject({ data: { infractions: { pageInfo: { hasNextPage: false } } } });
    await expect(ask()).rejects.toEqual(refusal({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) }));
  });
});
