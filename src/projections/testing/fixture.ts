// A projection test's world: a fresh database with the real PostgreSQL event store, a
// runner over the given projections, and a way to read a model's tables as data.
import type pg from 'pg';
import { createLogger } from '../../app/logger.js';
import type { Position } from '../../event-store/port.js';
import { PostgresEventStore } from '../../event-store/postgres/postgres-event-store.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres.js';
import { VIEW_SCHEMA } from '../runner/control-schema.js';
import type { Projection } from '../runner/projection.js';
import { ProjectionRunner, type RunnerOptions } from '../runner/runner.js';
import { appendHistory } from './append-history.js';
import { trafficHistory, type HistoryOptions } from './traffic-history.js';

export interface ProjectionWorld {
  database: TestDatabase;
  pool: pg.Pool;
  store: PostgresEventStore;
  logger: ReturnType<typeof createLogger>;
  runner(projections: readonly Projection[], options?: Partial<RunnerOptions>): ProjectionRunner;
  /** Appends a generated history; resolves to the position of its last event. */
  appendTraffic(options: HistoryOptions): Promise<Position>;
  close(): Promise<void>;
}

export const TEST_RUNNER_OPTIONS: Partial<RunnerOptions> = { retryAttempts: 2, retryInitialDelayMs: 10, restartDelayMs: 100, headRefreshMs: 100 };

export async function projectionWorld(): Promise<ProjectionWorld> {
  const database = await createTestDatabase({ poolSize: 6 });
  const store = new PostgresEventStore({ connectionString: database.url, pollIntervalMs: 100, logger: createLogger('warn', 'event-store') });
  await store.migrate();
  const logger = createLogger('silent', 'projections');
  const runners: ProjectionRunner[] = [];
  return {
    database,
    pool: database.pool,
    store,
    logger,
    runner(projections, options = {}) {
      const runner = new ProjectionRunner(database.pool, store, projections, logger, { ...TEST_RUNNER_OPTIONS, ...options });
      runners.push(runner);
      return runner;
    },
    appendTraffic: async (options) => (await appendHistory(store, trafficHistory(options))).last,
    async close() {
      await Promise.all(runners.map((runner) => runner.stop()));
      await store.close();
      await database.drop();
    },
  };
}

/** Every row of every public table of a projection, as sorted JSON: comparable with toEqual. */
export async function tablesOf(pool: pg.Pool, projection: Projection): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of projection.publicTables) {
    const { rows } = await pool.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${VIEW_SCHEMA}."${table}" t`);
    tables[table] = rows.map((r) => r.row).sort();
  }
  return tables;
}
