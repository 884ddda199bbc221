// POST /graphql is served ahead of express (graphql-post.ts); what that path declines still
// gets the answers express gave: a malformed or oversized body, another content type, a
// batch, a GET query. Each answer is printed here as the client sees it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiWorld, type ApiWorld } from '../../graphql/testing/api-world.js';

// A query that needs no read model: the projections' views may not exist yet when the world starts.
let world: ApiWorld;
let token: string;

beforeAll(async () => {
  world = await apiWorld();
  token = await world.token('operator', 'ana');
});
afterAll(async () => world?.close());

async function post(body: string | Buffer, contentType: string, extra: Record<string, string> = {}) {
  const response = await fetch(`${world.server.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${token}`, ...extra }, body });
  return { status: response.status, type: response.headers.get('content-type'), correlation: response.headers.get('x-correlation-id'), text: await response.text() };
}

it('answers a query with its correlation id', async () => {
  const answer = await post(JSON.stringify({ query: '{ __typename }' }), 'application/json', { 'x-correlation-id': 'corr-1' });
  expect(answer).toEqual({ status: 200, type: 'application/json; charset=utf-8', correlation: 'corr-1', text: '{"data":{"__typename":"Query"}}\n' });
});

it('refuses malformed JSON with 400, and still serves the next request', async () => {
  const answer = await post('{"query": ', 'application/json');
  // Nest's error answer for the body-parser error, as it was when express parsed every body.
  expect(answer).toEqual({
    status: 400,
    type: 'application/json; charset=utf-8',
    correlation: expect.stringMatching(/.+/),
    text: '{"message":"Unexpected end of JSON input","error":"Bad Request","statusCode":400}',
  });
  expect((await post(JSON.stringify({ query: '{ __typename }' }), 'application/json')).status).toBe(200);
});

it('refuses a body over 1 MB with 413', async () => {
  const answer = await post(JSON.stringify({ query: `{ __typename }${' '.repeat(1_100_000)}` }), 'application/json');
  expect(answer.status).toBe(413);
});

it('leaves a text/plain POST to Apollo, which refuses it as a possible cross-site request', async () => {
  const answer = await post(JSON.stringify({ query: '{ __typename }' }), 'text/plain');
  expect(answer.status).toBe(400);
  expect(answer.text).toContain('CSRF');
});

it('leaves a batch (a JSON array) to Apollo, which does not take batches', async () => {
  const answer = await post(JSON.stringify([{ query: '{ __typename }' }]), 'application/json');
  expect(answer.status).toBe(400);
});

it('answers a GET query through express as before', async () => {
  const response = await fetch(`${world.server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'apollo-require-preflight': 'true' },
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
});
