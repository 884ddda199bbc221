import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionWorld, type ProjectionWorld } from '../testing/fixture.js';
import { itReplaysAndRebuildsExactly } from '../testing/replay-specs.js';
import { infractionTimelineProjection } from './projection.js';
import { infractionHistory } from './queries.js';

let world: ProjectionWorld;
beforeAll(async () => {
  world = await projectionWorld();
});
afterAll(async () => world?.close());

describe('infraction-timeline projection', () => {
  itReplaysAndRebuildsExactly(() => world, infractionTimelineProjection);

  it('gives an infraction its events in order, with actor, reason and the stored hash', async () => {
    const { rows } = await world.pool.query<{ infraction_id: string }>(
      `SELECT infraction_id FROM read_models.infraction_timeline WHERE event_type = 'InfractionRejected' LIMIT 1`,
    );
    const id = rows[0]!.infraction_id;
    const history = await infractionHistory(world.pool, id);
    expect(history.map((e) => e.revision)).toEqual(history.map((_, i) => i));
    expect(history[0]).toMatchObject({ eventType: 'InfractionDetected', actorRole: 'device' });
    const rejection = history.find((e) => e.eventType === 'InfractionRejected')!;
    expect(rejection.actor).toMatch(/^user:operator-/);
    expect(rejection.reason).toBeTruthy();
    const stored = [];
    for await (const event of world.store.readStream(`infraction-${id}`)) stored.push(event.hash);
    expect(history.map((e) => e.hash)).toEqual(stored);
  });
});
