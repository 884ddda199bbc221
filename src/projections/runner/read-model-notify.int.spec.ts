// Who hears that a read model moved: readers of the live generation after every batch that
// changed it (NOTIFY to other processes, an event in this one); nobody while a generation
// nobody reads is rebuilt, until the switch makes it live.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countingProjection } from '../testing/poison-projection.js';
import { projectionWorld, type ProjectionWorld } from '../testing/fixture.js';
import { onReadModelChange, READ_MODEL_CHANNEL } from '../read-model-changes.js';

let world: ProjectionWorld;
let listener: pg.Client;
let heard: { other: string[]; local: string[]; backends: number[]; localBackends: Array<number | undefined> };
let stopLocal: () => void;

beforeEach(async () => {
  world = await projectionWorld();
  listener = new pg.Client({ connectionString: world.database.url });
  await listener.connect();
  await listener.query(`LISTEN ${READ_MODEL_CHANNEL}`);
  heard = { other: [], local: [], backends: [], localBackends: [] };
  listener.on('notification', (message) => {
    heard.other.push(message.payload ?? '');
    heard.backends.push(message.processId);
  });
  stopLocal = onReadModelChange((source, backend) => {
    heard.local.push(source);
    heard.localBackends.push(backend);
  });
});
afterEach(async () => {
  stopLocal();
  await listener?.end();
  await world?.close();
});

/** A round trip on the listening connection: notifications committed before it have arrived. */
const settled = async (): Promise<void> => void (await listener.query('SELECT 1'));

describe('read-model change signal', () => {
  it('is sent for every batch that changes the live generation, under the projection name', async () => {
    const last = await world.appendTraffic({ events: 600, seed: 7 });
    await world.runner([countingProjection()], { batchSize: 100 }).catchUp(last);
    await settled();
    expect(heard.other.length).toBeGreaterThan(1);
    expect(new Set(heard.other)).toEqual(new Set(['detections-count']));
    expect(heard.local).toEqual(heard.other);
    // Each announcement names the backend its NOTIFY comes from, so readers here count the commit once.
    expect(heard.localBackends).toEqual(heard.backends);
  });

  it('is sent once by a rebuild, at the switch, not for the batches of the generation being built', async () => {
    const last = await world.appendTraffic({ events: 1_500, seed: 8 });
    const runner = world.runner([countingProjection()], { rebuildBatchSize: 50 });
    await runner.catchUp(last);
    await settled();
    heard.other.length = 0;
    heard.local.length = 0;

    const result = await runner.rebuild('detections-count');
    await settled();
    expect(result.events).toBeGreaterThan(1_000);
    expect(heard.other).toEqual(['detections-count']);
    expect(heard.local).toEqual(['detections-count']);
  });
});
