// AES-256-GCM sealing with node:crypto: a fresh 96-bit IV per message, the 128-bit tag
// kept apart, and additional data binding a ciphertext to what it belongs to.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface Sealed {
  iv: Buffer;
  ciphertext: Buffer;
  authTag: Buffer;
}

export const KEY_BYTES = 32;

export function seal(key: Buffer, plaintext: Buffer, additionalData: Buffer): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(additionalData);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, authTag: cipher.getAuthTag() };
}

/** Throws when the key is wrong or anything was altered (the tag does not match). */
export function open(key: Buffer, sealed: Sealed, additionalData: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(additionalData);
  decipher.setAuthTag(sealed.authTag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}
