// Evidence store: write-once blobs (snapshots, clips) addressed by a URI, with the
// SHA-256 of their bytes, readable back and shareable through a time-limited URL.
// A local folder in the embedded mode, MinIO / any S3 in production; both honour the
// contract in contract.ts.

export interface StoredEvidence {
  /** Where the bytes live: `evidence://local/<key>` or `s3://<bucket>/<key>`. */
  uri: string;
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string;
  size: number;
  /**
   * Set only when `put` adopted other bytes already stored under the key (see PutOptions):
   * the SHA-256 of the bytes it was given, which were not stored. `sha256` and `size`
   * then describe the stored bytes, hashed as read back from the store.
   */
  offeredSha256?: string;
}

export interface PutOptions {
  /**
   * When other bytes are already stored under the key: `conflict` (the default) fails with
   * EVIDENCE_CONFLICT; `adopt` answers with the stored evidence instead. Either way the
   * stored bytes stay as they are: evidence is never overwritten.
   */
  ifOtherBytesStored?: 'conflict' | 'adopt';
}

export interface EvidenceStore {
  /**
   * Stores bytes under a key, once: putting the same bytes again returns the same result;
   * putting other bytes under a used key fails with EVIDENCE_CONFLICT, or adopts what is
   * stored when asked to (evidence is never overwritten).
   */
  put(key: string, bytes: Buffer, contentType: string, options?: PutOptions): Promise<StoredEvidence>;
  /** The bytes at a URI of this store; EVIDENCE_NOT_FOUND when there are none. */
  get(uri: string): Promise<Buffer>;
  /** A URL that lets its holder read the bytes until it expires. */
  signedUrl(uri: string, ttlSeconds: number): Promise<string>;
}

export type EvidenceErrorCode =
  | 'EVIDENCE_INVALID_KEY' | 'EVIDENCE_NOT_FOUND' | 'EVIDENCE_CONFLICT' | 'EVIDENCE_FOREIGN_URI'
  | 'EVIDENCE_URL_REFUSED';

export class EvidenceError extends Error {
  constructor(
    readonly code: EvidenceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EvidenceError';
  }
}

// Keys become file paths and object names: plain segments only, no traversal.
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export function assertEvidenceKey(key: string): void {
  if (key.length > 512 || !KEY.test(key) || key.split('/').some((segment) => segment === '..' || segment === '.')) {
    throw new EvidenceError('EVIDENCE_INVALID_KEY', `Invalid evidence key: ${JSON.stringify(key)}`);
  }
}
