// The circuit breaker and the cache in front of a real HTTP registry: a failing registry
// stops being called, a recovered one is called again, and a cached answer costs no call.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.js';
import { createLogger } from '../app/logger.js';
import { MemoryCache } from './cache/memory-cache.js';
import { RedisCache } from './cache/redis-cache.js';
import { CachedRegistry } from './cached-registry.js';
import { CircuitBreakerRegistry } from './circuit-breaker-registry.js';
import { HttpRegistry } from './http/http-registry.js';
import { RegistryUnavailable } from './port.js';
import { API_KEY, RegistryServer, registryRecord } from './testing/registry-server.js';

const logger = createLogger('silent');
let server: RegistryServer;
beforeAll(async () => {
  server = await RegistryServer.start();
});
afterAll(() => server?.stop());

const http = (timeoutMs = 200) => new HttpRegistry({ baseUrl: server.baseUrl, apiKey: API_KEY, apiKeyHeader: 'X-Api-Key', timeoutMs });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('CircuitBreakerRegistry', () => {
  it('opens after consecutive failures and then fails at once without calling the registry', async () => {
    server.on('DWN-001', { answer: 'error', status: 503 });
    const registry = new CircuitBreakerRegistry(http(), { failures: 3, halfOpenAfterMs: 60_000 }, logger);
    for (let attempt = 0; attempt < 3; attempt++) await expect(registry.lookUp('DWN-001')).rejects.toThrow(RegistryUnavailable);
    expect(registry.state).toBe('open');
    expect(server.calls('DWN-001')).toBe(3);

    await expect(registry.lookUp('DWN-001')).rejects.toThrow('registry circuit is open');
    await expect(registry.lookUp('DWN-002')).rejects.toThrow('registry circuit is open');
    expect(server.calls('DWN-001')).toBe(3);
    expect(server.calls('DWN-002')).toBe(0);
  });

  it('counts timeouts as failures, so a slow registry is cut off too', async () => {
    server.on('SLO-010', { answer: 'record', record: registryRecord(), delayMs: 1_000 });
    const registry = new CircuitBreakerRegistry(http(100), { failures: 2, halfOpenAfterMs: 60_000 }, logger);
    await expect(registry.lookUp('SLO-010')).rejects.toThrow('did not answer within 100 ms');
    await expect(registry.lookUp('SLO-010')).rejects.toThrow('did not answer within 100 ms');
    const started = performance.now();
    await expect(registry.lookUp('SLO-010')).rejects.toThrow('registry circuit is open');
    expect(performance.now() - started).toBeLessThan(50);
    expect(server.calls('SLO-010')).toBe(2);
  });

  it('lets one trial call through once half-open, and closes when it succeeds', async () => {
    server.on('REC-001', { answer: 'error', status: 500 });
    const registry = new CircuitBreakerRegistry(http(), { failures: 2, halfOpenAfterMs: 150 }, logger);
    await expect(registry.lookUp('REC-001')).rejects.toThrow(RegistryUnavailable);
    await expect(registry.lookUp('REC-001')).rejects.toThrow(RegistryUnavailable);
    expect(registry.state).toBe('open');

    const record = registryRecord();
    server.on('REC-001', { answer: 'record', record });
    await sleep(250);
    expect(await registry.lookUp('REC-001')).toEqual(record);
    expect(registry.state).toBe('closed');
    expect(server.calls('REC-001')).toBe(3);
  });

  it('is not tripped by plates the registry does not know', async () => {
    const registry = new CircuitBreakerRegistry(http(), { failures: 2, halfOpenAfterMs: 60_000 }, logger);
    for (const plate of ['UNK-001', 'UNK-002', 'UNK-003']) expect(await registry.lookUp(plate)).toBeNull();
    expect(registry.state).toBe('closed');
  });
});

describe('CachedRegistry', () => {
  it('serves a second look-up of a plate from the cache without calling the registry', async () => {
    const record = registryRecord({ documentNumber: '99990077' });
    server.on('CCH-001', { answer: 'record', record });
    const registry = new CachedRegistry(http(), new MemoryCache(), logger);
    expect(await registry.lookUp('CCH-001')).toEqual(record);
    expect(await registry.lookUp('CCH-001')).toEqual(record);
    expect(server.calls('CCH-001')).toBe(1);
  });

  it('remembers that a plate is unknown, too', async () => {
    const registry = new CachedRegistry(http(), new MemoryCache(), logger);
    expect(await registry.lookUp('UNK-100')).toBeNull();
    expect(await registry.lookUp('UNK-100')).toBeNull();
    expect(server.calls('UNK-100')).toBe(1);
  });

  it('asks the registry again once the entry has expired', async () => {
    let now = 0;
    server.on('CCH-002', { answer: 'record', record: registryRecord() });
    const registry = new CachedRegistry(http(), new MemoryCache({ now: () => now }), logger);
    await registry.lookUp('CCH-002');
    now += 24 * 3_600_000;
    await registry.lookUp('CCH-002');
    expect(server.calls('CCH-002')).toBe(2);
  });

  it('caches no failure: the next look-up asks the registry again', async () => {
    server.on('ERR-200', { answer: 'error', status: 500 });
    const registry = new CachedRegistry(http(), new MemoryCache(), logger);
    await expect(registry.lookUp('ERR-200')).rejects.toThrow(RegistryUnavailable);
    await expect(registry.lookUp('ERR-200')).rejects.toThrow(RegistryUnavailable);
    expect(server.calls('ERR-200')).toBe(2);
  });

  it('shares answers through Redis: a second instance looks the plate up without a call', async () => {
    const record = registryRecord({ documentNumber: '99990088' });
    server.on('CCH-003', { answer: 'record', record });
    const prefix = `test:${randomUUID()}:`;
    const caches = [new RedisCache({ url: loadConfig().REDIS_URL, prefix }), new RedisCache({ url: loadConfig().REDIS_URL, prefix })];
    try {
      const [first, second] = caches.map((cache) => new CachedRegistry(http(), cache, logger));
      expect(await first!.lookUp('CCH-003')).toEqual(record);
      expect(await second!.lookUp('CCH-003')).toEqual(record);
      expect(server.calls('CCH-003')).toBe(1);
    } finally {
      await Promise.all(caches.map((cache) => cache.close()));
    }
  });
});
