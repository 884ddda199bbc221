// Where PostgreSQL comes from: the configured DATABASE_URL, or an embedded server whose
// cluster lives under DATA_DIR and is reused by the next start.
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { startEmbeddedPostgres } from '../event-store/postgres/embedded.js';

export interface PostgresConnection {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function connectPostgres(config: Config, logger: Logger): Promise<PostgresConnection> {
  if (config.DATABASE_URL) {
    return { url: config.DATABASE_URL, embedded: false, stop: async () => undefined };
  }
  const running = await startEmbeddedPostgres({
    dataDir: config.DATA_DIR,
    port: config.EMBEDDED_PG_PORT,
    logger: logger.child({ component: 'embedded-postgres' }),
  });
  return { url: running.url, embedded: true, stop: running.stop };
}
