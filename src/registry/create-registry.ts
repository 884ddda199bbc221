// Builds the registry the configuration asks for: the demo file (or REGISTRY_FILE) in the
// embedded mode, or the HTTP registry behind a circuit breaker; either way with a 24-hour
// cache in Redis (CACHE=redis) or in memory.
import type { Config } from '../app/config.js';
import type { Logger } from '../app/logger.js';
import { MemoryCache } from './cache/memory-cache.js';
import type { TtlCache } from './cache/port.js';
import { RedisCache } from './cache/redis-cache.js';
import { CachedRegistry } from './cached-registry.js';
import { CircuitBreakerRegistry } from './circuit-breaker-registry.js';
import { FileRegistry } from './file/file-registry.js';
import { HttpRegistry } from './http/http-registry.js';
import type { VehicleRegistry } from './port.js';

export interface ConfiguredRegistry {
  registry: VehicleRegistry;
  /** Recorded in OwnerIdentified as the source of the answer. */
  name: string;
  close(): Promise<void>;
}

type RegistrySettings = Pick<
  Config,
  | 'REGISTRY'
  | 'REGISTRY_FILE'
  | 'REGISTRY_URL'
  | 'REGISTRY_API_KEY'
  | 'REGISTRY_API_KEY_HEADER'
  | 'REGISTRY_TIMEOUT_MS'
  | 'REGISTRY_CACHE_TTL_SECONDS'
  | 'REGISTRY_BREAKER_FAILURES'
  | 'REGISTRY_BREAKER_HALF_OPEN_MS'
  | 'CACHE'
  | 'REDIS_URL'
>;

export async function createRegistry(config: RegistrySettings, logger: Logger): Promise<ConfiguredRegistry> {
  const log = logger.child({ component: 'registry' });
  let source: VehicleRegistry;
  let name: string;
  if (config.REGISTRY === 'http') {
    const http = new HttpRegistry({
      baseUrl: config.REGISTRY_URL,
      apiKey: config.REGISTRY_API_KEY,
      apiKeyHeader: config.REGISTRY_API_KEY_HEADER,
      timeoutMs: config.REGISTRY_TIMEOUT_MS,
    });
    source = new CircuitBreakerRegistry(http, { failures: config.REGISTRY_BREAKER_FAILURES, halfOpenAfterMs: config.REGISTRY_BREAKER_HALF_OPEN_MS }, log);
    name = `registry-api ${new URL(config.REGISTRY_URL).host}`;
  } else {
    source = config.REGISTRY_FILE ? await FileRegistry.fromFile(config.REGISTRY_FILE) : FileRegistry.demo();
    name = config.REGISTRY_FILE ? 'registry-file' : 'demo-registry (fictitious)';
  }
  const cache: TtlCache = config.CACHE === 'redis' ? new RedisCache({ url: config.REDIS_URL, prefix: 'roadledger:registry:' }) : new MemoryCache();
  return {
    registry: new CachedRegistry(source, cache, log, config.REGISTRY_CACHE_TTL_SECONDS * 1_000),
    name,
    close: () => cache.close(),
  };
}
