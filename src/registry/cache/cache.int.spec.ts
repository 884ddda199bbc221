// Both cache adapters hold to one contract: memory always, Redis on the test server.
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../app/config.js';
import { ttlCacheContract } from './contract.js';
import { MemoryCache } from './memory-cache.js';
import { RedisCache } from './redis-cache.js';

ttlCacheContract('memory', () => new MemoryCache());
ttlCacheContract('redis', () => new RedisCache({ url: loadConfig().REDIS_URL, prefix: `test:${randomUUID()}:` }));
