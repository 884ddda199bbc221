// What the composition root calls to run the registry enrichment: the configured registry
// (demo file by default, HTTP behind a circuit breaker in production, cached 24 hours)
// and the worker that follows detections and sends IdentifyOwner through the CommandBus.
import type { CommandBus } from '@nestjs/cqrs';
import type pg from 'pg';
import type { Config } from '../app/config.js';
import type { Logger } from '../app/logger.js';
import { send } from '../commands/command-messages.js';
import type { EventStore } from '../event-store/port.js';
import { createRegistry } from './create-registry.js';
import { EnrichmentWorker } from './enrichment/enrichment-worker.js';

export interface RunningEnrichment {
  worker: EnrichmentWorker;
  stop(): Promise<void>;
}

export async function startRegistryEnrichment(deps: { config: Config; pool: pg.Pool; store: EventStore; bus: CommandBus; logger: Logger }): Promise<RunningEnrichment> {
  const { config, pool, store, bus } = deps;
  const logger = deps.logger.child({ component: 'registry-enrichment' });
  const registry = await createRegistry(config, logger);
  const worker = new EnrichmentWorker({
    pool,
    store,
    registry: registry.registry,
    registryName: registry.name,
    identify: (request) => send(bus, request),
    logger,
    retry: { maxAttempts: config.REGISTRY_RETRY_MAX_ATTEMPTS, delayMs: config.REGISTRY_RETRY_DELAY_MS },
  });
  await worker.start();
  logger.info({ registry: registry.name, cache: config.CACHE }, 'registry enrichment running');
  return {
    worker,
    async stop() {
      await worker.stop();
      await registry.close();
    },
  };
}
