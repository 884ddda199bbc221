// The HTTP registry adapter against a real HTTP server: what it asks, what it reads, and
// how it fails when the registry is slow, broken or answers nonsense.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryAnswerInvalid, RegistryUnavailable } from '../port.js';
import { API_KEY, RegistryServer, registryRecord } from '../testing/registry-server.js';
import { HttpRegistry } from './http-registry.js';

let server: RegistryServer;
let registry: HttpRegistry;
beforeAll(async () => {
  server = await RegistryServer.start();
  registry = new HttpRegistry({ baseUrl: server.baseUrl, apiKey: API_KEY, apiKeyHeader: 'X-Api-Key', timeoutMs: 300 });
});
afterAll(() => server?.stop());

describe('HttpRegistry', () => {
  it("returns the plate's vehicle and owner", async () => {
    const record = registryRecord({ name: 'Test Owner Yankee (fictitious)', documentNumber: '99990002' });
    server.on('ABC-123', { answer: 'record', record });
    expect(await registry.lookUp('ABC-123')).toEqual(record);
    expect(server.calls('ABC-123')).toBe(1);
  });

  it('answers null for a plate the registry does not know', async () => {
    expect(await registry.lookUp('ZZZ-999')).toBeNull();
  });

  it('sends the API key in the configured header', async () => {
    const wrongKey = new HttpRegistry({ baseUrl: server.baseUrl, apiKey: 'wrong', apiKeyHeader: 'X-Api-Key', timeoutMs: 300 });
    server.on('KEY-001', { answer: 'record', record: registryRecord() });
    await expect(wrongKey.lookUp('KEY-001')).rejects.toThrow('registry refused the request: 401');
  });

  it('gives up on an answer slower than its timeout, as unavailable', async () => {
    server.on('SLO-001', { answer: 'record', record: registryRecord(), delayMs: 2_000 });
    const started = performance.now();
    const failure = await registry.lookUp('SLO-001').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RegistryUnavailable);
    expect((failure as Error).message).toBe('registry did not answer within 300 ms');
    // The deadline, not the registry, decided when the call ended.
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('reports a 500 as unavailable', async () => {
    server.on('ERR-500', { answer: 'error', status: 500 });
    await expect(registry.lookUp('ERR-500')).rejects.toThrow(RegistryUnavailable);
  });

  it('reports an unreachable registry as unavailable', async () => {
    const closed = await RegistryServer.start();
    const url = closed.baseUrl;
    await closed.stop();
    const nowhere = new HttpRegistry({ baseUrl: url, apiKey: API_KEY, apiKeyHeader: 'X-Api-Key', timeoutMs: 300 });
    await expect(nowhere.lookUp('ABC-123')).rejects.toThrow(/registry unreachable/);
  });

  it('names the missing field of a malformed answer', async () => {
    const { owner, ...vehicleOnly } = registryRecord();
    server.on('BAD-001', { answer: 'body', body: { ...vehicleOnly, owner: { name: owner.name, documentType: 'DNI' } } });
    const failure = await registry.lookUp('BAD-001').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RegistryAnswerInvalid);
    expect((failure as Error).message).toMatch(/^registry answer for BAD-001 is invalid: owner\.documentNumber: /);
  });
});
