// The composition root: builds every adapter from the configuration, wires the write side,
// the read side, the transport and the API, and stops them in reverse order.
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { connectPostgres } from './postgres-connection.js';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store.js';

export interface RunningRoadledger {
  stop(): Promise<void>;
}

export async function startRoadledger(config: Config, logger: Logger): Promise<RunningRoadledger> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) {
      await stop().catch((error: unknown) => logger.error({ err: error }, 'stop failed'));
    }
  };
  try {
    const postgres = await connectPostgres(config, logger);
    stops.push(postgres.stop);
    const store = new PostgresEventStore({ connectionString: postgres.url, poolSize: config.PG_POOL_SIZE, logger });
    await store.migrate();
    stops.push(() => store.close());
    logger.info({ postgres: postgres.embedded ? 'embedded' : 'configured', eventStore: 'postgres' }, 'event store ready');
    return { stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
