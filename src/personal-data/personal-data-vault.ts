// Encrypts personal data with a key per person (data subject) and decrypts it while the
// key exists. The subject id is an HMAC of the identity document under a server secret, so
// the same person always gets the same key and the id alone reveals nothing.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { EncryptedPersonalData } from '../domain/infraction/events.js';
import { KEY_BYTES, open, seal } from './aes-gcm.js';
import { deleteKey, findKey, insertOrGetKey, migratePersonalDataKeys, type WrappedKeyRow } from './key-table.js';

export type DecryptedPersonalData<T> = { erased: false; data: T } | { erased: true };

export interface PersonalDataVaultOptions {
  pool: pg.Pool;
  /** Server secret (PERSONAL_DATA_SECRET); the subject-id key and the key-wrapping key derive from it. */
  secret: string;
}

function derive(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'roadledger-personal-data', purpose, KEY_BYTES));
}

export class PersonalDataVault {
  private readonly pool: pg.Pool;
  private readonly subjectKey: Buffer;
  private readonly wrappingKey: Buffer;

  constructor(options: PersonalDataVaultOptions) {
    this.pool = options.pool;
    this.subjectKey = derive(options.secret, 'subject-id');
    this.wrappingKey = derive(options.secret, 'key-wrapping');
  }

  migrate(): Promise<void> {
    return migratePersonalDataKeys(this.pool);
  }

  /** The stable, non-reversible id of the person holding this document. */
  subjectIdFor(documentType: string, documentNumber: string): string {
    const identity = `${documentType.trim().toUpperCase()}:${documentNumber.replace(/[\s.-]/g, '').toUpperCase()}`;
    return createHmac('sha256', this.subjectKey).update(identity).digest('hex').slice(0, 32);
  }

  async encrypt(subjectId: string, data: unknown): Promise<EncryptedPersonalData> {
    const key = await this.keyFor(subjectId);
    const sealed = seal(key, Buffer.from(JSON.stringify(data), 'utf8'), Buffer.from(subjectId));
    return {
      algorithm: 'AES-256-GCM',
      keyId: subjectId,
      iv: sealed.iv.toString('base64'),
      ciphertext: sealed.ciphertext.toString('base64'),
      authTag: sealed.authTag.toString('base64'),
    };
  }

  async decrypt<T = unknown>(encrypted: EncryptedPersonalData): Promise<DecryptedPersonalData<T>> {
    const row = await findKey(this.pool, encrypted.keyId);
    if (!row) return { erased: true };
    const plaintext = open(
      this.unwrap(row, encrypted.keyId),
      {
        iv: Buffer.from(encrypted.iv, 'base64'),
        ciphertext: Buffer.from(encrypted.ciphertext, 'base64'),
        authTag: Buffer.from(encrypted.authTag, 'base64'),
      },
      Buffer.from(encrypted.keyId),
    );
    return { erased: false, data: JSON.parse(plaintext.toString('utf8')) as T };
  }

  /** Deletes the person's key: everything encrypted for them becomes unreadable. True when a key existed. */
  erase(subjectId: string): Promise<boolean> {
    return deleteKey(this.pool, subjectId);
  }

  private async keyFor(subjectId: string): Promise<Buffer> {
    const fresh = seal(this.wrappingKey, randomBytes(KEY_BYTES), Buffer.from(subjectId));
    const row = await insertOrGetKey(this.pool, subjectId, { wrapped_key: fresh.ciphertext, iv: fresh.iv, auth_tag: fresh.authTag });
    return this.unwrap(row, subjectId);
  }

  /** A wrapped key is bound to its subject: moving it to another row makes it unusable. */
  private unwrap(row: WrappedKeyRow, subjectId: string): Buffer {
    return open(this.wrappingKey, { iv: row.iv, ciphertext: row.wrapped_key, authTag: row.auth_tag }, Buffer.from(subjectId));
  }
}
