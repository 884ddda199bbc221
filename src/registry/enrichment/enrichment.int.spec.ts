// Registry enrichment end to end on real PostgreSQL, the real command side and a real HTTP
// registry: a detected infraction gets its owner, stored only encrypted; a failing registry
// leaves a PENDING look-up that a later retry completes; a replay appends nothing new.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { send } from '../../commands/command-messages.js';
import { startWriteSide, type WriteSide } from '../../commands/testing/write-side-fixture.js';
import type { OwnerIdentified } from '../../domain/infraction/events.js';
import { recordDetected } from '../../domain/testing/infraction-builders.js';
import { collect } from '../../event-store/contract/builders.js';
import { MemoryCache } from '../cache/memory-cache.js';
import { CachedRegistry } from '../cached-registry.js';
import { CircuitBreakerRegistry } from '../circuit-breaker-registry.js';
import { HttpRegistry } from '../http/http-registry.js';
import { API_KEY, RegistryServer, registryRecord } from '../testing/registry-server.js';
import { EnrichmentWorker } from './enrichment-worker.js';
import type { LookupOutcome } from './lookup-table.js';

const logger = createLogger('silent');
let side: WriteSide;
let server: RegistryServer;
let worker: EnrichmentWorker;
let now = new Date('2026-03-01T08:05:00.000Z');
const RETRY_DELAY_MS = 60_000;

function startWorker(options: { checkpointName?: string } = {}): EnrichmentWorker {
  const http = new HttpRegistry({ baseUrl: server.baseUrl, apiKey: API_KEY, apiKeyHeader: 'X-Api-Key', timeoutMs: 500 });
  const guarded = new CircuitBreakerRegistry(http, { failures: 3, halfOpenAfterMs: 60_000 }, logger);
  return new EnrichmentWorker({
    pool: side.db.pool,
    store: side.store,
    registry: new CachedRegistry(guarded, new MemoryCache(), logger),
    registryName: 'test-registry',
    identify: (request) => send(side.bus, request),
    logger,
    // The retry loop is driven by the tests (retryDue) with a clock they move.
    retry: { maxAttempts: 3, delayMs: RETRY_DELAY_MS, pollMs: 3_600_000 },
    clock: () => now,
    ...options,
  });
}

beforeAll(async () => {
  side = await startWriteSide();
  server = await RegistryServer.start();
  worker = startWorker();
  await worker.start();
});
afterAll(async () => {
  await worker?.stop();
  await server?.stop();
  await side?.close();
});

async function detect(infractionId: string, plate: string): Promise<void> {
  await send(side.bus, recordDetected({ infractionId, plate: { text: plate, confidence: 0.95, reader: 'test', format: 'PERU' } }, { commandId: `detect-${infractionId}` }));
}

async function lookup(infractionId: string): Promise<{ outcome: LookupOutcome; attempts: number; last_error: string | null } | undefined> {
  const { rows } = await side.db.pool.query('SELECT outcome, attempts, last_error FROM registry_lookups WHERE infraction_id = $1', [infractionId]);
  return rows[0];
}

async function settled(infractionId: string, outcome: LookupOutcome): Promise<void> {
  await expect.poll(async () => (await lookup(infractionId))?.outcome, { timeout: 15_000, interval: 50 }).toBe(outcome);
}

async function ownerEvents(infractionId: string): Promise<OwnerIdentified[]> {
  const events = await collect(side.store.readStream(`infraction-${infractionId}`));
  return events.filter((event) => event.type === 'OwnerIdentified') as unknown as OwnerIdentified[];
}

describe('registry enrichment', () => {
  it("records the owner of a detected infraction's plate, encrypted", async () => {
    const record = registryRecord({ name: 'Enrich Owner Alpha (fictitious)', documentNumber: '77001234' });
    server.on('ENR-101', { answer: 'record', record });
    await detect('enrich-1', 'ENR-101');
    await settled('enrich-1', 'IDENTIFIED');

    const [identified, ...more] = await ownerEvents('enrich-1');
    expect(more).toHaveLength(0);
    expect(identified?.data).toMatchObject({ infractionId: 'enrich-1', plate: 'ENR-101', registry: 'test-registry', owner: { algorithm: 'AES-256-GCM' } });
    expect(await side.vault.decrypt(identified!.data.owner)).toEqual({ erased: false, data: { ...record.owner, address: null } });

    // Nowhere in the log, in data or metadata of any event, is the name or the document in clear.
    const { rows } = await side.db.pool.query<{ leaks: string }>(
      `SELECT count(*) AS leaks FROM event_store.events
       WHERE data::text ILIKE '%' || $1 || '%' OR data::text LIKE '%' || $2 || '%'
          OR metadata::text ILIKE '%' || $1 || '%' OR metadata::text LIKE '%' || $2 || '%'`,
      [record.owner.name, record.owner.documentNumber],
    );
    expect(Number(rows[0]!.leaks)).toBe(0);
    const { rows: identifiedRows } = await side.db.pool.query(`SELECT metadata->>'commandId' AS command_id FROM event_store.events WHERE type = 'OwnerIdentified' AND stream_name = 'infraction-enrich-1'`);
    expect(identifiedRows).toEqual([{ command_id: 'identify-owner-enrich-1' }]);
  });

  it('records nothing for a plate the registry does not know', async () => {
    await detect('enrich-2', 'UNK-202');
    await settled('enrich-2', 'NOT_FOUND');
    expect(await ownerEvents('enrich-2')).toHaveLength(0);
  });

  it('keeps a failed look-up PENDING and completes it on a later retry', async () => {
    server.on('RTY-303', { answer: 'error', status: 500 });
    await detect('enrich-3', 'RTY-303');
    await settled('enrich-3', 'PENDING');
    expect(await lookup('enrich-3')).toMatchObject({ attempts: 1, last_error: 'registry answered 500' });

    // Not due yet: nothing is tried.
    expect(await worker.retryDue()).toBe(0);
    server.on('RTY-303', { answer: 'record', record: registryRecord({ documentNumber: '77003030' }) });
    now = new Date(now.getTime() + RETRY_DELAY_MS);
    expect(await worker.retryDue()).toBe(1);
    expect(await lookup('enrich-3')).toMatchObject({ outcome: 'IDENTIFIED', attempts: 2 });
    expect(await ownerEvents('enrich-3')).toHaveLength(1);
    expect(server.calls('RTY-303')).toBe(2);
  });

  it('does not hold later infractions while the registry is down: the open circuit makes them PENDING at once', async () => {
    for (const plate of ['DWN-401', 'DWN-402', 'DWN-403', 'DWN-404', 'DWN-405']) server.on(plate, { answer: 'error', status: 503 });
    for (const [index, plate] of ['DWN-401', 'DWN-402', 'DWN-403', 'DWN-404', 'DWN-405'].entries()) await detect(`enrich-4${index}`, plate);
    for (const index of [0, 1, 2, 3, 4]) await settled(`enrich-4${index}`, 'PENDING');
    // Three failures opened the circuit; the last two never reached the registry.
    expect(['DWN-401', 'DWN-402', 'DWN-403', 'DWN-404', 'DWN-405'].map((plate) => server.calls(plate))).toEqual([1, 1, 1, 0, 0]);
    expect(await lookup('enrich-44')).toMatchObject({ last_error: 'registry circuit is open' });
  });

  it('appends nothing new when the log is replayed from the start (a lost checkpoint)', async () => {
    const replay = startWorker({ checkpointName: 'replay-from-start' });
    await replay.start();
    try {
      await expect.poll(async () => (await side.db.pool.query(`SELECT 1 FROM registry_enrichment_checkpoint WHERE name = 'replay-from-start'`)).rowCount, { timeout: 15_000 }).toBe(1);
      // Let it reach the head: the last detection of the earlier tests.
      await expect
        .poll(async () => {
          const { rows } = await side.db.pool.query(`SELECT position FROM registry_enrichment_checkpoint ORDER BY name`);
          return new Set(rows.map((row: { position: string }) => row.position)).size;
        }, { timeout: 15_000 })
        .toBe(1);
    } finally {
      await replay.stop();
    }
    expect(await ownerEvents('enrich-1')).toHaveLength(1);
    expect(await ownerEvents('enrich-3')).toHaveLength(1);
  });
});
