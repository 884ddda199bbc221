import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatPosition, type Position, type RecordedEvent } from '../../event-store/port.js';
import { infractionsProjection } from '../infractions/projection.js';
import { searchInfractions } from '../infractions/queries.js';
import { projectionWorld, tablesOf, type ProjectionWorld } from '../testing/fixture.js';
import { countingProjection } from '../testing/poison-projection.js';
import { readStatuses, type ProjectionStatus } from './status.js';

let world: ProjectionWorld;
beforeEach(async () => {
  world = await projectionWorld();
});
afterEach(async () => world?.close());

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function statusOf(name: string, predicate: (status: ProjectionStatus) => boolean): Promise<ProjectionStatus> {
  return eventually(async () => (await readStatuses(world.pool, await world.store.headPosition())).find((s) => s.name === name && s.live && predicate(s)), `${name} status`);
}

async function detections(): Promise<RecordedEvent[]> {
  const found: RecordedEvent[] = [];
  for await (const event of world.store.readAll()) if (event.type === 'InfractionDetected') found.push(event);
  return found;
}

describe('projection runner', () => {
  it('stops a projection on a poison event in FAILED, naming its position and error, after committing the events before it', async () => {
    await world.appendTraffic({ events: 1_500, seed: 3 });
    const all = await detections();
    const poison = all[Math.floor(all.length / 2)]!;
    const infractionId = (poison.data as { infractionId: string }).infractionId;
    await world.runner([countingProjection({ poisoned: new Set([infractionId]) })]).start();

    const failed = await statusOf('detections-count', (s) => s.state === 'FAILED');
    expect(failed.failedPosition).toBe(formatPosition(poison.position));
    expect(failed.failedEventId).toBe(poison.metadata.eventId);
    expect(failed.error).toContain(`cannot project ${infractionId}`);
    const { rows } = await world.pool.query<{ n: string }>('SELECT sum(detections) AS n FROM read_models.detections_count');
    expect(Number(rows[0]!.n)).toBe(all.indexOf(poison));
  });

  it('skips a poison event on record when the projection is configured to, and goes on', async () => {
    const last = await world.appendTraffic({ events: 1_500, seed: 3 });
    const all = await detections();
    const poison = all[10]!;
    const projection = countingProjection({ poisoned: new Set([(poison.data as { infractionId: string }).infractionId]), skipPoisonEvents: true });
    await world.runner([projection]).catchUp(last);
    const [status] = await readStatuses(world.pool);
    expect(status).toMatchObject({ skippedEvents: 1, state: 'LIVE', checkpoint: formatPosition(last) });
    const { rows } = await world.pool.query<{ position: string; error: string }>('SELECT position, error FROM projections.projection_skips');
    expect(rows).toEqual([{ position: formatPosition(poison.position), error: expect.stringContaining('cannot project') }]);
  });

  it('follows new events live and reports version, checkpoint, head, lag and state', async () => {
    await world.appendTraffic({ events: 800, seed: 4 });
    await world.runner([countingProjection()]).start();
    const last = await world.appendTraffic({ events: 800, seed: 5, setup: false, start: '2026-03-01T00:00:00.000Z' });
    const live = await statusOf('detections-count', (s) => s.checkpoint === formatPosition(last));
    expect(live).toMatchObject({ version: 1, state: 'LIVE', lagEvents: 0, lagSeconds: 0, head: formatPosition(last) });
    expect(live.eventsProcessed).toBeGreaterThan(1_600);
  });

  it('answers queries all through a rebuild, then switches to the new generation and drops the old one', async () => {
    const last = await world.appendTraffic({ events: 6_000, seed: 6 });
    await world.runner([infractionsProjection]).catchUp(last);
    const before = await tablesOf(world.pool, infractionsProjection);
    const expected = (await searchInfractions(world.pool, {}, { first: 20 })).totalCount;

    let rebuilding = false;
    const rebuild = world.runner([infractionsProjection], { rebuildBatchSize: 50 }).rebuild('infractions', {
      onProgress: () => (rebuilding = true),
    });
    let readsDuringRebuild = 0;
    let done = false;
    void rebuild.finally(() => (done = true));
    while (!done) {
      const page = await searchInfractions(world.pool, { status: ['DETECTED', 'VALIDATED', 'REJECTED', 'FINED', 'APPEALED', 'PAID', 'CANCELLED', 'EXPIRED'] }, { first: 20 });
      expect(page.totalCount).toBe(expected);
      if (rebuilding && !done) readsDuringRebuild++;
    }
    const result = await rebuild;
    expect(readsDuringRebuild).toBeGreaterThan(5);
    expect(result.replaced?.generation).toBe(1);
    expect(await tablesOf(world.pool, infractionsProjection)).toEqual(before);
    const { rows } = await world.pool.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rm_infractions_%' ORDER BY 1`);
    expect(rows.map((r) => r.nspname)).toEqual([`rm_infractions_g${result.generation.generation}`]);
  });

  it('a running runner follows a switch made by a rebuild elsewhere', async () => {
    await world.appendTraffic({ events: 800, seed: 4 });
    await world.runner([countingProjection()]).start();
    const result = await world.runner([countingProjection()]).rebuild('detections-count');
    const last: Position = await world.appendTraffic({ events: 400, seed: 9, setup: false, start: '2026-04-01T00:00:00.000Z' });
    const status = await statusOf('detections-count', (s) => s.checkpoint === formatPosition(last));
    expect(status.generation).toBe(result.generation.generation);
  });

  it('rebuilds a changed version at start-up when asked, and otherwise reports that it needs a rebuild', async () => {
    const last = await world.appendTraffic({ events: 800, seed: 4 });
    await world.runner([countingProjection({ version: 1 })]).catchUp(last);
    const v1 = await tablesOf(world.pool, countingProjection());

    await world.runner([countingProjection({ version: 2 })]).start();
    const stale = await statusOf('detections-count', (s) => s.state === 'FAILED');
    expect(stale).toMatchObject({ version: 1, error: expect.stringContaining('roadledger projections rebuild detections-count') });

    await world.runner([countingProjection({ version: 2 })], { rebuildChangedVersions: true }).start();
    await statusOf('detections-count', (s) => s.version === 2 && s.state === 'LIVE');
    expect(await tablesOf(world.pool, countingProjection())).toEqual(v1);
  });
});
