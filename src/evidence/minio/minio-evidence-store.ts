// Evidence in MinIO or any S3 (minio client). Each object carries its SHA-256 as user
// metadata and is written with `If-None-Match: *`, so evidence is never overwritten even
// by two writers racing on one key.
import type { Readable } from 'node:stream';
import { Client, type ClientOptions } from 'minio';
import { assertEvidenceKey, EvidenceError, type EvidenceStore, type PutOptions, type StoredEvidence } from '../port.js';
import { sha256Hex } from '../sha256.js';
import { answerForTakenKey } from '../taken-key.js';

export interface MinioEvidenceStoreOptions {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region: string;
}

export class MinioEvidenceStore implements EvidenceStore {
  private readonly client: Client;

  constructor(private readonly options: MinioEvidenceStoreOptions) {
    const url = new URL(options.endpoint);
    const clientOptions: ClientOptions = {
      endPoint: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      useSSL: url.protocol === 'https:',
      accessKey: options.accessKey,
      secretKey: options.secretKey,
      region: options.region,
    };
    this.client = new Client(clientOptions);
  }

  /** Creates the bucket when it is missing; call once at start-up. */
  async ensureBucket(): Promise<void> {
    if (await this.client.bucketExists(this.options.bucket)) return;
    try {
      await this.client.makeBucket(this.options.bucket, this.options.region);
    } catch (error) {
      if (!['BucketAlreadyOwnedByYou', 'BucketAlreadyExists'].includes(codeOf(error))) throw error;
    }
  }

  async put(key: string, bytes: Buffer, contentType: string, options?: PutOptions): Promise<StoredEvidence> {
    assertEvidenceKey(key);
    const stored = { uri: `s3://${this.options.bucket}/${key}`, sha256: sha256Hex(bytes), size: bytes.length };
    if (!(await this.exists(key))) {
      try {
        await this.client.putObject(this.options.bucket, key, bytes, bytes.length, {
          'Content-Type': contentType,
          'x-amz-meta-sha256': stored.sha256,
          'If-None-Match': '*',
        });
        return stored;
      } catch (error) {
        if (codeOf(error) !== 'PreconditionFailed') throw error;
      }
    }
    // A taken key is judged on the stored bytes themselves, not on the sha256 metadata a
    // writer put beside them: an object replaced behind our back must not pass as ours.
    return answerForTakenKey(key, stored, await this.get(stored.uri), options);
  }

  async get(uri: string): Promise<Buffer> {
    const key = this.keyOf(uri);
    let stream: Readable;
    try {
      stream = await this.client.getObject(this.options.bucket, key);
    } catch (error) {
      if (isMissing(error)) throw new EvidenceError('EVIDENCE_NOT_FOUND', `No evidence at ${uri}`);
      throw error;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async signedUrl(uri: string, ttlSeconds: number): Promise<string> {
    return this.client.presignedGetObject(this.options.bucket, this.keyOf(uri), ttlSeconds);
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.client.statObject(this.options.bucket, key);
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  private keyOf(uri: string): string {
    const prefix = `s3://${this.options.bucket}/`;
    if (!uri.startsWith(prefix)) throw new EvidenceError('EVIDENCE_FOREIGN_URI', `Not an evidence URI of bucket ${this.options.bucket}: ${uri}`);
    const key = uri.slice(prefix.length);
    assertEvidenceKey(key);
    return key;
  }
}

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

function isMissing(error: unknown): boolean {
  return ['NoSuchKey', 'NotFound', 'NoSuchObject'].includes(codeOf(error));
}
