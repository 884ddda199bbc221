// Mints an HS256 token for local use (`roadledger token`) and for tests.
import { SignJWT } from 'jose';
import type { TokenRole } from './claims.js';

export interface MintOptions {
  secret: string;
  role: TokenRole;
  subject: string;
  /** A jose time span ("8h", "15m") or seconds. */
  ttl?: string | number;
}

export function mintToken(options: MintOptions): Promise<string> {
  return new SignJWT({ role: options.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.subject)
    .setIssuedAt()
    .setExpirationTime(typeof options.ttl === 'number' ? Math.floor(Date.now() / 1000) + options.ttl : (options.ttl ?? '8h'))
    .sign(new TextEncoder().encode(options.secret));
}
