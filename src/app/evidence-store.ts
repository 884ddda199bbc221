// Evidence storage the configuration asks for: a local folder (embedded) or MinIO/S3.
import path from 'node:path';
import type { Config } from './config.js';
import type { EvidenceStore } from '../evidence/port.js';
import { LocalEvidenceStore } from '../evidence/local/local-evidence-store.js';
import { MinioEvidenceStore } from '../evidence/minio/minio-evidence-store.js';

export async function createEvidenceStore(config: Config, publicBaseUrl: string): Promise<EvidenceStore> {
  if (config.EVIDENCE_STORE === 's3') {
    const store = new MinioEvidenceStore({
      endpoint: config.S3_ENDPOINT,
      accessKey: config.S3_ACCESS_KEY,
      secretKey: config.S3_SECRET_KEY,
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
    });
    await store.ensureBucket();
    return store;
  }
  return new LocalEvidenceStore({
    root: path.resolve(config.DATA_DIR, 'evidence'),
    publicBaseUrl: `${publicBaseUrl}/evidence`,
    // Local evidence URLs are signed with the API's secret; a leaked URL expires anyway.
    signingSecret: config.JWT_SECRET,
  });
}
