// A projection for runner specifications: counts infraction detections, and throws on the
// detections whose id is in `poisoned`, like a handler meeting data it cannot handle.
import type { Projection } from '../runner/projection.js';

export function countingProjection(options: { poisoned?: ReadonlySet<string>; skipPoisonEvents?: boolean; version?: number } = {}): Projection {
  return {
    name: 'detections-count',
    version: options.version ?? 1,
    eventTypes: ['InfractionDetected'],
    publicTables: ['detections_count'],
    skipPoisonEvents: options.skipPoisonEvents,
    createTables: (t) => `CREATE TABLE ${t('detections_count')} (zone_id text PRIMARY KEY, detections integer NOT NULL);`,
    createIndexes: () => 'SELECT 1',
    async applyBatch(events, { client, table }) {
      const perZone = new Map<string, number>();
      for (const event of events) {
        const data = event.data as { infractionId: string; zoneId: string };
        if (options.poisoned?.has(data.infractionId)) throw new Error(`cannot project ${data.infractionId}`);
        perZone.set(data.zoneId, (perZone.get(data.zoneId) ?? 0) + 1);
      }
      await client.query(
        `INSERT INTO ${table('detections_count')} AS cur SELECT * FROM unnest($1::text[], $2::int[])
           ON CONFLICT (zone_id) DO UPDATE SET detections = cur.detections + EXCLUDED.detections`,
        [[...perZone.keys()], [...perZone.values()]],
      );
    },
  };
}
