// The API's guards against expensive or abusive use, on a server with small limits: query
// depth, query cost computed with the variables, and requests per user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiWorld, type ApiWorld } from './testing/api-world.js';

let world: ApiWorld;
beforeAll(async () => {
  world = await apiWorld({ GRAPHQL_MAX_DEPTH: 4, GRAPHQL_MAX_COST: 300, RATE_LIMIT_POINTS: 8, RATE_LIMIT_WINDOW_SECONDS: 60 });
});
afterAll(async () => world?.close());

describe('depth', () => {
  it('answers a query within the depth limit', async () => {
    const response = await world.gql(await world.token('operator', 'depth-ok'), '{ infractions { edges { node { id } } } }');
    expect(response.errors).toBeUndefined();
  });

  it('refuses a deeper query before running it', async () => {
    const response = await world.gql(await world.token('operator', 'depth-deep'), '{ infractions { edges { node { plate { text } } } } }');
    expect(response.status).toBe(400);
    expect(response.data).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/depth/i);
  });
});

describe('cost', () => {
  const QUERY = 'query($n: Int) { infractions(first: $n) { edges { node { id status type } } } }';

  it('answers a small page', async () => {
    const response = await world.gql(await world.token('operator', 'cost-small'), QUERY, { n: 10 });
    expect(response.errors).toBeUndefined();
  });

  it('refuses the same query when the page size in its variables makes it too expensive', async () => {
    const response = await world.gql(await world.token('operator', 'cost-large'), QUERY, { n: 100 });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', cost: 501, maxCost: 300 });
  });

  it('refuses a page above 100 rows even when the cost would allow it', async () => {
    const response = await world.gql(await world.token('operator', 'cost-page'), 'query($n: Int) { infractions(first: $n) { totalCount } }', { n: 101 });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('NUL characters', () => {
  it('refuses one in a variable, naming where it was, before any command runs', async () => {
    const response = await world.gql(
      await world.token('operator', 'nul-variable'),
      'mutation($id: ID!, $note: String) { rejectInfraction(commandId: "nul-guard-1", infractionId: $id, reason: OTHER, note: $note) { events } }',
      { id: 'inf-nul', note: 'bad\u0000note' },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
  });

  it('refuses one in an inline argument', async () => {
    const response = await world.gql(
      await world.token('operator', 'nul-literal'),
      'mutation { rejectInfraction(commandId: "nul-guard-2", infractionId: "inf-nul", reason: OTHER, note: "bad\\u0000note") { events } }',
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
  });
});

describe('rate', () => {
  it('refuses a user who spent the budget, with RATE_LIMITED and a retry delay, while another user goes on', async () => {
    const greedy = await world.token('operator', 'greedy');
    const codes: unknown[] = [];
    for (let i = 0; i < 9; i++) codes.push((await world.gql(greedy, '{ infractions { totalCount } }')).errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes).toEqual([...Array(8).fill('OK'), 'RATE_LIMITED']);
    const refused = await world.gql(greedy, '{ infractions { totalCount } }');
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    const other = await world.gql(await world.token('operator', 'patient'), '{ infractions { totalCount } }');
    expect(other.errors).toBeUndefined();
  });
});
