// The test MinIO answers through the project's own client (minio): an object written to the
// evidence bucket reads back byte for byte, checked by SHA-256.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'minio';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('MinIO service', () => {
  const config = loadConfig();
  const endpoint = new URL(config.S3_ENDPOINT);
  const client = new Client({
    endPoint: endpoint.hostname,
    port: Number(endpoint.port),
    useSSL: endpoint.protocol === 'https:',
    accessKey: config.S3_ACCESS_KEY,
    secretKey: config.S3_SECRET_KEY,
    region: config.S3_REGION,
  });
  const written: string[] = [];

  afterAll(async () => {
    if (written.length) await client.removeObjects(config.S3_BUCKET, written);
  });

  it('serves the evidence bucket on 127.0.0.1:19000', async () => {
    expect(config.S3_ENDPOINT).toBe('http://127.0.0.1:19000');
    expect(await client.bucketExists(config.S3_BUCKET)).toBe(true);
  });

  it('returns the same bytes that were put, by SHA-256', async () => {
    const snapshot = randomBytes(256 * 1024 + 13);
    const name = `test/${randomUUID()}.jpg`;
    written.push(name);
    await client.putObject(config.S3_BUCKET, name, snapshot, snapshot.length, { 'Content-Type': 'image/jpeg' });

    const read = await readAll(await client.getObject(config.S3_BUCKET, name));
    expect(read.length).toBe(snapshot.length);
    expect(sha256(read)).toBe(sha256(snapshot));
    const stat = await client.statObject(config.S3_BUCKET, name);
    expect(stat.size).toBe(snapshot.length);
  });

  it('reports a missing object as NotFound', async () => {
    await expect(client.statObject(config.S3_BUCKET, `test/${randomUUID()}`)).rejects.toMatchObject({ code: 'NotFound' });
  });
});
