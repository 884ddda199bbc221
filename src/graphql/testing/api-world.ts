// An e2e test's world: a fresh database with the real PostgreSQL event store, the write
// side, the infractions projection running live, and the HTTP server on a free port; plus
// a GraphQL client over plain fetch with a token per role.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../app/config.js';
import { createHttpServer, type RunningHttpServer } from '../../app/http/create-http-server.js';
import { createLogger } from '../../app/logger.js';
import { WriteSideModule } from '../../app/write-side.module.js';
import { PostgresEventStore } from '../../event-store/postgres/postgres-event-store.js';
import { LocalEvidenceStore } from '../../evidence/local/local-evidence-store.js';
import { PersonalDataVault } from '../../personal-data/personal-data-vault.js';
import { ALL_PROJECTIONS } from '../../projections/all.js';
import { ProjectionRunner } from '../../projections/runner/runner.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres.js';
import type { ApiSettings } from '../api-dependencies.js';
import type { TokenRole } from '../auth/claims.js';
import { mintToken } from '../auth/mint-token.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

export interface ApiWorld {
  database: TestDatabase;
  store: PostgresEventStore;
  server: RunningHttpServer;
  settings: ApiSettings;
  token(role: TokenRole, subject?: string): Promise<string>;
  gql<T = Record<string, unknown>>(token: string | null, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export async function apiWorld(overrides: Partial<ApiSettings> = {}): Promise<ApiWorld> {
  const database = await createTestDatabase({ poolSize: 8 });
  const logger = createLogger('silent', 'api-test');
  const store = new PostgresEventStore({ connectionString: database.url, poolSize: 6, pollIntervalMs: 50, logger });
  await store.migrate();
  const config = loadConfig({ HTTP_PORT: '0', LOG_LEVEL: 'silent' });
  const settings: ApiSettings = { ...config, ...overrides };
  const vault = new PersonalDataVault({ pool: database.pool, secret: config.PERSONAL_DATA_SECRET });
  await vault.migrate();
  const runner = new ProjectionRunner(database.pool, store, ALL_PROJECTIONS, logger, { batchWindowMs: 5, headRefreshMs: 50, restartDelayMs: 100 });
  await runner.start();
  const evidenceRoot = await mkdtemp(join(tmpdir(), 'roadledger-evidence-'));
  const evidence = new LocalEvidenceStore({ root: evidenceRoot, publicBaseUrl: 'http://127.0.0.1/evidence', signingSecret: 'evidence-test-secret' });
  const server = await createHttpServer({
    settings,
    logger,
    store,
    readPool: database.pool,
    evidence,
    writeSide: WriteSideModule.forRoot({ eventStore: store, personalDataPool: database.pool, personalDataSecret: config.PERSONAL_DATA_SECRET, logger }),
  });
  return {
    database,
    store,
    server,
    settings,
    token: (role, subject = `${role}-1`) => mintToken({ secret: settings.JWT_SECRET, role, subject, ttl: '1h' }),
    async gql(token, query, variables = {}, headers = {}) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: GraphQLResponse['errors'] };
      return { status: response.status, headers: response.headers, data: (body.data ?? null) as never, ...(body.errors ? { errors: body.errors } : {}) };
    },
    async close() {
      await server.close();
      await runner.stop();
      await store.close();
      await database.drop();
      await rm(evidenceRoot, { recursive: true, force: true });
    },
  };
}
