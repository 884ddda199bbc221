// The expiry process on real PostgreSQL: infractions still DETECTED past their review
// deadline expire exactly once, however many runs or instances there are.
import type { CommandBus } from '@nestjs/cqrs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../../app/logger.js';
import { operator } from '../../domain/testing/actors.js';
import { AFTER_REVIEW, recordDetected, validate } from '../../domain/testing/infraction-builders.js';
import { collect } from '../../event-store/contract/builders.js';
import { comparePositions, formatPosition, type Position } from '../../event-store/port.js';
import { send } from '../command-messages.js';
import { startWriteSide, type WriteSide } from '../testing/write-side-fixture.js';
import { ExpiryProcess } from './expiry-process.js';

let side: WriteSide;
const logger = createLogger('silent');
const processOn = (s: WriteSide, bus: CommandBus = s.bus) => new ExpiryProcess({ bus, store: s.store, pool: s.db.pool, logger });

/** A bus whose first `senders` commands wait for each other: both instances found the work before either did it. */
function busMeetingAt(bus: CommandBus, senders: number): CommandBus {
  let waiting = senders;
  const met: (() => void)[] = [];
  const execute = async (message: unknown) => {
    if (waiting > 0) {
      waiting -= 1;
      const together = new Promise<void>((resolve) => met.push(resolve));
      if (waiting === 0) met.forEach((resolve) => resolve());
      await together;
    }
    return bus.execute(message as never);
  };
  return { execute } as unknown as CommandBus;
}

beforeAll(async () => {
  side = await startWriteSide();
  await processOn(side).migrate();
  for (const infractionId of ['overdue-1', 'overdue-2', 'overdue-3', 'validated-1']) {
    await send(side.bus, recordDetected({ infractionId }, { commandId: `detect-${infractionId}` }));
  }
  await send(side.bus, validate({ infractionId: 'validated-1' }, { by: operator('olga'), commandId: 'validate-validated-1' }));
  // Occurred later: its deadline (30 days on) is still ahead at AFTER_REVIEW.
  const last = await send(side.bus, recordDetected({ infractionId: 'recent-1', occurredAt: '2026-04-10T00:00:00.000Z' }, { commandId: 'detect-recent-1' }));
  // The global log shows an event only once every older transaction in the cluster has ended
  // (other test files' too): wait until the setup is visible to the read model.
  await untilVisible(last.position!);
});
afterAll(() => side?.close());

async function untilVisible(position: Position): Promise<void> {
  for (let waited = 0; comparePositions(await side.store.headPosition(), position) < 0; waited += 50) {
    if (waited > 30_000) throw new Error(`position ${formatPosition(position)} not visible after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function expiredEvents(infractionId: string): Promise<number> {
  const events = await collect(side.store.readStream(`infraction-${infractionId}`));
  return events.filter((event) => event.type === 'InfractionExpired').length;
}

it('expires each overdue infraction exactly once when two instances run at the same moment', async () => {
  const bus = busMeetingAt(side.bus, 2);
  const [a, b] = await Promise.all([processOn(side, bus).runOnce(AFTER_REVIEW), processOn(side, bus).runOnce(AFTER_REVIEW)]);
  expect([a.overdue, b.overdue]).toEqual([3, 3]);
  for (const infractionId of ['overdue-1', 'overdue-2', 'overdue-3']) expect(await expiredEvents(infractionId)).toBe(1);
  expect(a.refused + b.refused).toBe(0);
});

it('leaves validated infractions and those still within their review period alone', async () => {
  expect(await expiredEvents('validated-1')).toBe(0);
  expect(await expiredEvents('recent-1')).toBe(0);
});

it('appends nothing on a later run', async () => {
  // Until the expiries are visible in the global log it may try them again: as duplicates.
  const again = await processOn(side).runOnce(AFTER_REVIEW);
  expect(again).toMatchObject({ expired: 0, refused: 0 });
  for (const infractionId of ['overdue-1', 'overdue-2', 'overdue-3']) expect(await expiredEvents(infractionId)).toBe(1);
});

it('records the expiry as the service with a command id derived from the infraction', async () => {
  const [expired] = (await collect(side.store.readStream('infraction-overdue-1'))).filter((event) => event.type === 'InfractionExpired');
  expect(expired?.metadata).toMatchObject({ commandId: 'expire-overdue-1', actor: { kind: 'service', name: 'expiry' } });
});
