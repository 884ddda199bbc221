import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { mintToken } from './mint-token.js';
import { createTokenVerifier } from './token-verifier.js';

const secret = 'a-secret-of-at-least-sixteen';
const verify = createTokenVerifier({ JWT_SECRET: secret });

describe('bearer tokens', () => {
  it('turns a person token into a user actor', async () =>
    expect((await verify(await mintToken({ secret, role: 'supervisor', subject: 'sam' }))).actor).toEqual({ kind: 'user', userId: 'sam', role: 'supervisor' }));

  it('turns a device token into the device itself', async () =>
    expect((await verify(await mintToken({ secret, role: 'device', subject: 'cam-3' }))).actor).toEqual({ kind: 'device', deviceId: 'cam-3' }));

  it('refuses a token once it has expired, even one verified before', async () => {
    const token = await new SignJWT({ role: 'operator' }).setProtectedHeader({ alg: 'HS256' }).setSubject('o').setExpirationTime(Math.floor(Date.now() / 1000) + 1).sign(new TextEncoder().encode(secret));
    await expect(verify(token)).resolves.toMatchObject({ role: 'operator' });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(verify(token)).rejects.toMatchObject({ reason: 'EXPIRED' });
  });

  it('refuses an HS256 token when keys come from a JWKS (no algorithm confusion)', async () => {
    const jwksVerify = createTokenVerifier({ JWT_SECRET: secret, JWT_JWKS_URL: 'http://127.0.0.1:9/jwks.json' });
    await expect(jwksVerify(await mintToken({ secret, role: 'admin', subject: 'x' }))).rejects.toMatchObject({ reason: 'INVALID' });
  });
});

describe('RS256 tokens from a JWKS', () => {
  it('accepts a token signed by a key of the set, and refuses one signed by another key', async () => {
    const { createServer } = await import('node:http');
    const { exportJWK, generateKeyPair } = await import('jose');
    const trusted = await generateKeyPair('RS256');
    const stranger = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(trusted.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const server = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const jwksVerify = createTokenVerifier({ JWT_SECRET: secret, JWT_JWKS_URL: `http://127.0.0.1:${port}/jwks.json` });
      const sign = (key: Parameters<SignJWT['sign']>[0]) => new SignJWT({ role: 'auditor' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('aud-1').setExpirationTime('5m').sign(key);
      await expect(jwksVerify(await sign(trusted.privateKey))).resolves.toMatchObject({ role: 'auditor', key: 'user:aud-1' });
      await expect(jwksVerify(await sign(stranger.privateKey))).rejects.toMatchObject({ reason: 'INVALID' });
    } finally {
      server.close();
    }
  });
});
