// Signed URLs of the local evidence store: an HMAC over the key and the expiry, so the
// API can serve `/evidence/<key>?expires=…&signature=…` without a session, and check it
// with verifyEvidenceSignature before reading the file.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function evidenceSignature(secret: string, key: string, expiresUnix: number): string {
  return createHmac('sha256', secret).update(`${key}\n${expiresUnix}`).digest('base64url');
}

export function verifyEvidenceSignature(
  secret: string,
  request: { key: string; expires: string | undefined; signature: string | undefined },
  nowUnix: number,
): 'valid' | 'expired' | 'invalid' {
  const expires = Number(request.expires);
  if (!request.signature || !Number.isInteger(expires)) return 'invalid';
  const expected = Buffer.from(evidenceSignature(secret, request.key, expires));
  const given = Buffer.from(request.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  return expires < nowUnix ? 'expired' : 'valid';
}
