import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../domain/device/decide.js';
import { deviceStream } from '../../domain/device/events.js';
import { toEnvelopes } from '../../domain/shared/envelope.js';
import type { Actor } from '../../domain/shared/actor.js';
import type { ProjectionWorld } from '../testing/fixture.js';
import { projectionWorld } from '../testing/fixture.js';
import { itReplaysAndRebuildsExactly } from '../testing/replay-specs.js';
import { deviceStatsProjection } from './projection.js';
import { deviceDays, findDevice, listDevices } from './queries.js';

const HOUR = 3_600_000;
const FLAPPING = ['cam-1-1', 'cam-2-1', 'cam-3-1'];
const monitor: Actor = { kind: 'service', name: 'device-health' };

/** Each flapping camera goes STALE at 20:00 on the history's first day and ACTIVE again at 03:00 the next. */
async function appendStaleNights(world: ProjectionWorld, start: string, seed: number) {
  let last = null;
  for (const deviceId of FLAPPING) {
    for (const [status, previous, hours] of [['STALE', 'ACTIVE', 20], ['ACTIVE', 'STALE', 27]] as const) {
      const now = new Date(Date.parse(start) + hours * HOUR).toISOString();
      const command = {
        type: 'ChangeDeviceStatus' as const,
        data: { deviceId, status, reason: 'health check' },
        metadata: { commandId: `flap-${seed}-${deviceId}-${status}`, correlationId: deviceId, actor: monitor, now },
      };
      const events = decide(command, { deviceId, zoneId: 'zone', status: previous, calibrated: false });
      last = (await world.store.append(deviceStream(deviceId), toEnvelopes(command, events), 'stream_exists')).position;
    }
  }
  return last!;
}

let world: ProjectionWorld;
beforeAll(async () => {
  world = await projectionWorld();
});
afterAll(async () => world?.close());

describe('device-stats projection', () => {
  // The generated traffic, and status changes crossing midnight in each round of it.
  itReplaysAndRebuildsExactly(() => ({
    ...world,
    appendTraffic: async (options) => {
      await world.appendTraffic(options);
      return appendStaleNights(world, options.start ?? '2026-01-01T00:00:00.000Z', options.seed ?? 42);
    },
  }), deviceStatsProjection);

  it('lists every registered camera with what it produced', async () => {
    const devices = await listDevices(world.pool);
    expect(devices).toHaveLength(32);
    const busiest = [...devices].sort((a, b) => b.observations - a.observations)[0]!;
    const { rows } = await world.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM event_store.events WHERE type = 'ObservationRecorded' AND data->>'deviceId' = $1`,
      [busiest.deviceId],
    );
    expect(busiest.observations).toBe(Number(rows[0]!.n));
    expect(busiest).toMatchObject({ status: 'ACTIVE', lastFps: 25 });
    expect(await listDevices(world.pool, { zoneId: busiest.zoneId! })).toHaveLength(4);
    expect(await findDevice(world.pool, 'cam-404')).toBeNull();
  });

  it('measures uptime since first seen from the status events, the open interval closed at the given instant', async () => {
    const now = new Date('2026-06-03T00:00:00.000Z');
    const sinceFirstSeen = now.getTime() - Date.parse('2026-01-01T00:00:00.000Z');
    // Two nights STALE from 20:00 to 03:00.
    expect((await findDevice(world.pool, 'cam-1-1', now))!.uptime).toEqual({ activeMs: sinceFirstSeen - 14 * HOUR, staleMs: 14 * HOUR, otherMs: 0 });
    expect((await findDevice(world.pool, 'cam-1-2', now))!).toMatchObject({
      uptime: { activeMs: sinceFirstSeen, staleMs: 0, otherMs: 0 },
      firstSeenAt: new Date('2026-01-01T00:00:00.000Z'),
    });
    const { rows: mismatched } = await world.pool.query(
      `SELECT s.device_id FROM read_models.device_stats s
       LEFT JOIN (SELECT device_id, sum(active_ms) AS a, sum(stale_ms) AS st, sum(other_ms) AS o FROM read_models.device_days GROUP BY device_id) d USING (device_id)
       WHERE (s.closed_active_ms, s.closed_stale_ms, s.closed_other_ms) IS DISTINCT FROM (coalesce(d.a, 0), coalesce(d.st, 0), coalesce(d.o, 0))`,
    );
    expect(mismatched, 'the totals since first seen are the sums of the days').toEqual([]);
    const later = new Date(now.getTime() + HOUR);
    expect((await findDevice(world.pool, 'cam-1-1', later))!.uptime.activeMs).toBe(sinceFirstSeen - 13 * HOUR);
  });

  it('splits uptime by day, and gives each day its heartbeats with their mean fps and latency', async () => {
    const days = await deviceDays(world.pool, 'cam-2-1', { from: '2025-12-30', to: '2026-01-03' }, new Date('2026-06-03T00:00:00.000Z'));
    expect(days.map(({ day, uptime }) => [day, uptime.activeMs / HOUR, uptime.staleMs / HOUR])).toEqual([
      ['2026-01-01', 20, 4],
      ['2026-01-02', 21, 3],
      ['2026-01-03', 24, 0],
    ]);
    const { rows } = await world.pool.query<{ day: string; n: string; fps: number; latency: number }>(
      `SELECT left(data->>'at', 10) AS day, count(*) AS n, avg((data->>'fps')::float8) AS fps, avg((data->>'latencyMs')::float8) AS latency
       FROM event_store.events WHERE type = 'DeviceHeartbeatRecorded' AND data->>'deviceId' = 'cam-2-1' AND left(data->>'at', 10) BETWEEN '2026-01-01' AND '2026-01-03'
       GROUP BY 1 ORDER BY 1`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const day = days.find((candidate) => candidate.day === row.day)!;
      expect(day.heartbeats).toBe(Number(row.n));
      expect(day.meanFps).toBeCloseTo(row.fps, 9);
      expect(day.meanLatencyMs).toBeCloseTo(row.latency, 9);
    }
    expect(await deviceDays(world.pool, 'cam-404', { from: '2026-01-01', to: '2026-01-02' })).toEqual([]);
  });
});
