// Evidence in a local folder (embedded mode). Files are written to a temporary name and
// hard-linked into place: a reader never sees half a file, a crash leaves no partial
// evidence, and link() fails when the name exists, so two racing writers never overwrite.
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { assertEvidenceKey, EvidenceError, type EvidenceStore, type PutOptions, type StoredEvidence } from '../port.js';
import { sha256Hex } from '../sha256.js';
import { answerForTakenKey } from '../taken-key.js';
import { evidenceSignature, verifyEvidenceSignature } from './url-signature.js';

const PREFIX = 'evidence://local/';

export interface LocalEvidenceStoreOptions {
  root: string;
  /** Base of the URLs the API serves evidence from, e.g. http://127.0.0.1:4000/evidence */
  publicBaseUrl: string;
  signingSecret: string;
  now?: () => Date;
}

export class LocalEvidenceStore implements EvidenceStore {
  constructor(private readonly options: LocalEvidenceStoreOptions) {}

  async put(key: string, bytes: Buffer, _contentType: string, options?: PutOptions): Promise<StoredEvidence> {
    assertEvidenceKey(key);
    const path = join(this.options.root, key);
    const stored = { uri: PREFIX + key, sha256: sha256Hex(bytes), size: bytes.length };
    const existing = await readFile(path).catch(() => null);
    if (existing) return answerForTakenKey(key, stored, existing, options);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.${randomUUID()}.partial`;
    await writeFile(temporary, bytes, { flag: 'wx' });
    try {
      await link(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Another writer linked first; its file is whole (link is atomic).
      return answerForTakenKey(key, stored, await readFile(path), options);
    } finally {
      await unlink(temporary);
    }
    return stored;
  }

  async get(uri: string): Promise<Buffer> {
    const key = this.keyOf(uri);
    try {
      return await readFile(join(this.options.root, key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new EvidenceError('EVIDENCE_NOT_FOUND', `No evidence at ${uri}`);
      throw error;
    }
  }

  async signedUrl(uri: string, ttlSeconds: number): Promise<string> {
    const key = this.keyOf(uri);
    const now = this.options.now?.() ?? new Date();
    const expires = Math.floor(now.getTime() / 1000) + ttlSeconds;
    const signature = evidenceSignature(this.options.signingSecret, key, expires);
    const path = key.split('/').map(encodeURIComponent).join('/');
    return `${this.options.publicBaseUrl.replace(/\/$/, '')}/${path}?expires=${expires}&signature=${signature}`;
  }

  /**
   * Reads the bytes a signed URL of this store points at, after checking its signature
   * and expiry: what the API's evidence route calls.
   */
  async readSignedUrl(url: string): Promise<Buffer> {
    const parsed = new URL(url);
    const base = new URL(this.options.publicBaseUrl.replace(/\/$/, '') + '/');
    if (parsed.origin !== base.origin || !parsed.pathname.startsWith(base.pathname)) {
      throw new EvidenceError('EVIDENCE_FOREIGN_URI', `Not a URL of this evidence store: ${url}`);
    }
    const key = parsed.pathname.slice(base.pathname.length).split('/').map(decodeURIComponent).join('/');
    assertEvidenceKey(key);
    const now = Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000);
    const request = { key, expires: parsed.searchParams.get('expires') ?? undefined, signature: parsed.searchParams.get('signature') ?? undefined };
    const verdict = verifyEvidenceSignature(this.options.signingSecret, request, now);
    if (verdict !== 'valid') throw new EvidenceError('EVIDENCE_URL_REFUSED', `Signed URL ${verdict}`);
    return this.get(PREFIX + key);
  }

  private keyOf(uri: string): string {
    if (!uri.startsWith(PREFIX)) throw new EvidenceError('EVIDENCE_FOREIGN_URI', `Not a local evidence URI: ${uri}`);
    const key = uri.slice(PREFIX.length);
    assertEvidenceKey(key);
    return key;
  }
}
