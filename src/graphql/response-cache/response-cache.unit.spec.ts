// The response cache's key: everything an answer depends on besides the read models, with no
// way for one request's parts to spell another's.
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../auth/claims.js';
import { ResponseCache, type CacheRequest } from './response-cache.js';
import type { ReadModelVersions } from './read-model-versions.js';

const operator = (userId: string): Viewer => ({ actor: { kind: 'user', userId, role: 'operator' }, key: `user:${userId}`, role: 'operator' });
const supervisor = (userId: string): Viewer => ({ actor: { kind: 'user', userId, role: 'supervisor' }, key: `user:${userId}`, role: 'supervisor' });
const cache = new ResponseCache({} as ReadModelVersions, 1024);
const request: CacheRequest = { query: '{ zones { id } }', operationName: null, variables: { after: 'c1' }, viewer: operator('ana'), accept: 'application/json' };
const keyOf = (change: Partial<CacheRequest>) => cache.keyOf({ ...request, ...change });

describe('the key of an answer', () => {
  it('is the same for the same request', () => {
    expect(keyOf({})).toBe(keyOf({ variables: { after: 'c1' } }));
  });

  it.each<[string, Partial<CacheRequest>]>([
    ['another user', { viewer: operator('bea') }],
    ['another role, same user', { viewer: supervisor('ana') }],
    ['other variables', { variables: { after: 'c2' } }],
    ['no variables', { variables: undefined }],
    ['another operation name', { operationName: 'Queue' }],
    ['another accepted media type', { accept: 'application/graphql-response+json' }],
    ['another query text', { query: '{ zones { id name } }' }],
  ])('differs for %s', (_what, change) => {
    expect(keyOf(change)).not.toBe(keyOf({}));
  });

  it('cannot be spelt by moving characters from one part into the next', () => {
    const a = keyOf({ operationName: 'A', variables: null, query: '4:null{ q }' });
    const b = keyOf({ operationName: 'A4:null', variables: null, query: '{ q }' });
    expect(a).not.toBe(b);
  });
});
