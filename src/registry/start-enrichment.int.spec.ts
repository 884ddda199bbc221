// The embedded mode's enrichment as the app starts it from the configuration: the bundled
// demo registry names the (fictitious) owner of a demo plate.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../app/config.js';
import { createLogger } from '../app/logger.js';
import { send } from '../commands/command-messages.js';
import { startWriteSide, type WriteSide } from '../commands/testing/write-side-fixture.js';
import type { OwnerIdentified } from '../domain/infraction/events.js';
import { recordDetected } from '../domain/testing/infraction-builders.js';
import { collect } from '../event-store/contract/builders.js';
import { startRegistryEnrichment, type RunningEnrichment } from './start-enrichment.js';

let side: WriteSide;
let enrichment: RunningEnrichment;
beforeAll(async () => {
  side = await startWriteSide();
  const config = loadConfig({ REGISTRY: 'file', CACHE: 'memory' });
  enrichment = await startRegistryEnrichment({ config, pool: side.db.pool, store: side.store, bus: side.bus, logger: createLogger('silent') });
});
afterAll(async () => {
  await enrichment?.stop();
  await side?.close();
});

it('identifies the owner of a demo plate from the bundled registry', async () => {
  await send(side.bus, recordDetected({ infractionId: 'demo-1', plate: { text: 'BRA2E19', confidence: 0.9, reader: 'test', format: 'MERCOSUR' } }, { commandId: 'detect-demo-1' }));
  const owner = async () => (await collect(side.store.readStream('infraction-demo-1'))).find((event) => event.type === 'OwnerIdentified') as OwnerIdentified | undefined;
  await expect.poll(owner, { timeout: 15_000, interval: 50 }).toBeDefined();
  const identified = (await owner())!;
  expect(identified.data.registry).toBe('demo-registry (fictitious)');
  expect(await side.vault.decrypt(identified.data.owner)).toMatchObject({ erased: false, data: { name: 'Demo Owner Bravo (fictitious)', documentType: 'DNI' } });
});
