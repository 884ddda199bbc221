// Who may do what through the API: every mutation with every kind of caller, allowed or
// FORBIDDEN exactly as the domain's authorisation table says; and tokens that must never
// get in (wrong signature, expired, alg none, missing, malformed, unknown role).
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayRun } from '../domain/authorisation.js';
import { TOKEN_ROLES, viewerOf, type TokenRole } from './auth/claims.js';
import { mintToken } from './auth/mint-token.js';
import { apiWorld, type ApiWorld } from './testing/api-world.js';
import { MUTATION_CALLS, type MutationCall } from './testing/mutation-calls.js';
import { commandId } from './testing/operations.js';

let world: ApiWorld;
beforeAll(async () => {
  world = await apiWorld();
});
afterAll(async () => world?.close());

const subjectOf = (role: TokenRole): string => (role === 'device' ? 'device-1' : `${role}-matrix`);

function allowed(role: TokenRole, call: MutationCall): boolean {
  const { actor } = viewerOf({ sub: subjectOf(role), role });
  if (call.command === 'ErasePersonalData') return actor.kind === 'user' && actor.role === 'admin';
  return mayRun(actor, call.command);
}

describe('the role matrix', () => {
  it('has a call for every mutation of the schema', async () => {
    const response = await world.gql<{ __type: { fields: Array<{ name: string }> } }>(await world.token('admin'), '{ __type(name: "Mutation") { fields { name } } }');
    expect(MUTATION_CALLS.map((call) => call.field).sort()).toEqual(response.data!.__type.fields.map((field) => field.name).sort());
  });

  for (const call of MUTATION_CALLS) {
    it(`${call.field}: ${TOKEN_ROLES.map((role) => `${role} ${allowed(role, call) ? 'allowed' : 'FORBIDDEN'}`).join(', ')}`, async () => {
      for (const role of TOKEN_ROLES) {
        const token = await world.token(role, subjectOf(role));
        const response = await world.gql(token, call.document, { commandId: commandId(), ...call.variables() });
        const error = response.errors?.[0];
        if (allowed(role, call)) {
          // Allowed: it ran, or the domain refused it for another reason (the infraction does not exist...).
          expect(error?.extensions?.code, `${role} on ${call.field}: ${JSON.stringify(error)}`).not.toBe('FORBIDDEN');
          expect(error?.extensions?.code, `${role} on ${call.field}: ${JSON.stringify(error)}`).not.toBe('INTERNAL_SERVER_ERROR');
        } else {
          expect(error?.extensions, `${role} on ${call.field}`).toMatchObject({ code: 'FORBIDDEN', domainCode: 'FORBIDDEN_ROLE' });
        }
      }
    });
  }

  it('refuses a device speaking for another device (DEVICE_MISMATCH)', async () => {
    const heartbeat = MUTATION_CALLS.find((call) => call.field === 'recordHeartbeat')!;
    const response = await world.gql(await world.token('device', 'device-2'), heartbeat.document, { commandId: commandId(), ...heartbeat.variables() });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', domainCode: 'DEVICE_MISMATCH' });
  });

  it('lets no device or service read', async () => {
    for (const role of ['device', 'service'] as const) {
      const response = await world.gql(await world.token(role), '{ infractions { totalCount } }');
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('tokens', () => {
  const QUERY = '{ infractions { totalCount } }';
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

  const refused: Record<string, () => Promise<string | null>> = {
    'a token signed with another secret': () => mintToken({ secret: 'not-the-server-secret-at-all', role: 'admin', subject: 'mallory' }),
    'an expired token': () => mintToken({ secret: world.settings.JWT_SECRET, role: 'admin', subject: 'late', ttl: -60 }),
    'an unsigned token (alg none)': async () =>
      `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'mallory', role: 'admin', exp: Math.floor(Date.now() / 1000) + 600 })}.`,
    'no token at all': async () => null,
    'a malformed token': async () => 'not.a.jwt',
    'a token with a role that does not exist': () =>
      new SignJWT({ role: 'root' }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setExpirationTime('1h').sign(new TextEncoder().encode(world.settings.JWT_SECRET)),
    'a token without an expiry': () => new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('forever').sign(new TextEncoder().encode(world.settings.JWT_SECRET)),
  };

  for (const [name, make] of Object.entries(refused)) {
    it(`refuses ${name} with 401 UNAUTHENTICATED and no data`, async () => {
      const response = await world.gql(await make(), QUERY);
      expect(response.status).toBe(401);
      expect(response.data).toBeNull();
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  }

  it('accepts a valid token and returns the correlation id it was given', async () => {
    const response = await world.gql(await world.token('auditor'), QUERY, {}, { 'x-correlation-id': 'audit-42' });
    expect(response.errors).toBeUndefined();
    expect(response.headers.get('x-correlation-id')).toBe('audit-42');
  });
});
