// Runs the evidence contract against a real MinIO (scripts/services/up.sh minio). When
// no MinIO answers at S3_ENDPOINT the suite is reported as skipped, never faked.
import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'minio';
import { describe, expect, it } from 'vitest';
import { evidenceStoreContract } from '../contract.js';
import { MinioEvidenceStore } from './minio-evidence-store.js';

const endpoint = process.env.S3_ENDPOINT ?? 'http://127.0.0.1:19000';
const reachable = await fetch(`${endpoint}/minio/health/live`, { signal: AbortSignal.timeout(2000) })
  .then((response) => response.ok)
  .catch(() => false);

if (reachable) {
  const store = new MinioEvidenceStore({
    endpoint,
    accessKey: process.env.S3_ACCESS_KEY ?? 'roadledger',
    secretKey: process.env.S3_SECRET_KEY ?? 'roadledger-secret',
    bucket: process.env.S3_BUCKET ?? 'evidence',
    region: 'us-east-1',
  });
  await store.ensureBucket();
  evidenceStoreContract('MinIO', async () => ({
    store,
    readSignedUrl: async (url) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`GET signed URL answered ${response.status}`);
      return Buffer.from(await response.arrayBuffer());
    },
    passTime: (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 100)),
  }));

  describe('MinIO evidence store', () => {
    const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    const url = new URL(endpoint);
    const raw = new Client({ endPoint: url.hostname, port: Number(url.port), useSSL: false, accessKey: process.env.S3_ACCESS_KEY ?? 'roadledger', secretKey: process.env.S3_SECRET_KEY ?? 'roadledger-secret' });
    const bucket = process.env.S3_BUCKET ?? 'evidence';

    it('judges a taken key on the stored bytes, not on the sha256 metadata beside them', async () => {
      const key = `contract/${randomUUID()}/replaced.jpg`;
      const [ours, replaced] = [Buffer.from(`ours ${randomUUID()}`), Buffer.from(`replaced ${randomUUID()}`)];
      // An object put behind the store's back that claims to be our bytes.
      await raw.putObject(bucket, key, replaced, replaced.length, { 'x-amz-meta-sha256': sha256(ours) });
      await expect(store.put(key, ours, 'image/jpeg')).rejects.toMatchObject({ code: 'EVIDENCE_CONFLICT' });
      const adopted = await store.put(key, ours, 'image/jpeg', { ifOtherBytesStored: 'adopt' });
      expect(adopted).toMatchObject({ sha256: sha256(replaced), size: replaced.length, offeredSha256: sha256(ours) });
    });
  });
} else {
  describe('evidence store contract: MinIO', () => {
    it.skip(`skipped: no MinIO answers at ${endpoint} (start it with: bash scripts/services/up.sh minio)`, () => {});
  });
}
