// Runs the evidence contract against a real MinIO (scripts/services/up.sh minio). When
// no MinIO answers at S3_ENDPOINT the suite is reported as skipped, never faked.
import { describe, it } from 'vitest';
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
} else {
  describe('evidence store contract: MinIO', () => {
    it.skip(`skipped: no MinIO answers at ${endpoint} (start it with: bash scripts/services/up.sh minio)`, () => {});
  });
}
