// Bearer tokens (jose): HS256 with the configured secret by default, or RS256 against a
// JWKS when JWT_JWKS_URL is set. Only the expected algorithm is accepted, so `alg: none`
// and algorithm-confusion tokens fail like a bad signature.
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ClaimsSchema, viewerOf, type Viewer } from './claims.js';

export interface TokenSettings {
  JWT_SECRET: string;
  JWT_JWKS_URL?: string | undefined;
}

export class TokenRefused extends Error {
  constructor(readonly reason: 'MISSING' | 'EXPIRED' | 'INVALID') {
    super(reason === 'MISSING' ? 'a bearer token is required' : reason === 'EXPIRED' ? 'the token has expired' : 'the token is not valid');
    this.name = 'TokenRefused';
  }
}

export type TokenVerifier = (token: string | null | undefined) => Promise<Viewer>;

/** Verified tokens kept until they expire, so a client's every request does not redo the signature check. */
const CACHE_SIZE = 10_000;

export function createTokenVerifier(settings: TokenSettings): TokenVerifier {
  const jwks: JWTVerifyGetKey | null = settings.JWT_JWKS_URL ? createRemoteJWKSet(new URL(settings.JWT_JWKS_URL)) : null;
  const secret = new TextEncoder().encode(settings.JWT_SECRET);
  const verified = new Map<string, { viewer: Viewer; expiresAt: number }>();
  return async (token) => {
    if (!token) throw new TokenRefused('MISSING');
    const known = verified.get(token);
    if (known) {
      if (known.expiresAt > Date.now()) return known.viewer;
      verified.delete(token);
      throw new TokenRefused('EXPIRED');
    }
    try {
      const { payload } = jwks
        ? await jwtVerify(token, jwks, { algorithms: ['RS256'], requiredClaims: ['exp', 'sub'] })
        : await jwtVerify(token, secret, { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] });
      const claims = ClaimsSchema.safeParse(payload);
      if (!claims.success) throw new TokenRefused('INVALID');
      const viewer = viewerOf(claims.data);
      if (verified.size >= CACHE_SIZE) verified.delete(verified.keys().next().value!);
      verified.set(token, { viewer, expiresAt: payload.exp! * 1000 });
      return viewer;
    } catch (error) {
      if (error instanceof TokenRefused) throw error;
      if (error instanceof errors.JWTExpired) throw new TokenRefused('EXPIRED');
      throw new TokenRefused('INVALID');
    }
  };
}

/** The token of an `Authorization: Bearer <token>` header (or a graphql-ws connection param). */
export function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}
