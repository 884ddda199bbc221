// Notifications from events through the outbox to a real SMTP server (Mailpit): who gets
// what, and exactly one e-mail per event and recipient with two senders at once and
// across restarts.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../app/logger.js';
import { send, type BusCommand } from '../commands/command-messages.js';
import { startWriteSide, type WriteSide } from '../commands/testing/write-side-fixture.js';
import type { Actor } from '../domain/shared/actor.js';
import { admin, operator } from '../domain/testing/actors.js';
import { recordDetected, SCHEDULE_V1 } from '../domain/testing/infraction-builders.js';
import { OutboxSender } from './outbox-sender.js';
import { addRecipients, migrateNotificationTables, seedDemoRecipients } from './outbox-tables.js';
import { OutboxWriter } from './outbox-writer.js';
import { MAILPIT_SMTP_URL, messageText, receivedWithSubject } from './testing/mailpit.js';

const logger = createLogger('silent');
const run = `n${randomBytes(4).toString('hex')}`;
const ZONE = `zone-${run}`;
const OPERATORS = [`op1-${run}@roadledger.example`, `op2-${run}@roadledger.example`];
const SUPERVISOR = `sup-${run}@roadledger.example`;
const DEMO_OPERATORS = 'operators@roadledger.example';

let side: WriteSide;
let writer: OutboxWriter;
let sequence = 0;

const newWriter = (checkpointName?: string) => new OutboxWriter({ pool: side.db.pool, store: side.store, logger, checkpointName });
const newSender = () => new OutboxSender({ pool: side.db.pool, smtpUrl: MAILPIT_SMTP_URL, from: 'Roadledger <roadledger@roadledger.example>', logger, pollIntervalMs: 50 });

function command(type: BusCommand['type'], data: unknown, actor: Actor) {
  const commandId = `${run}-cmd-${++sequence}`;
  return send(side.bus, { type, data, metadata: { commandId, correlationId: commandId, actor, now: '2026-03-02T09:00:00.000Z' } } as BusCommand);
}

const detect = (infractionId: string) => send(side.bus, recordDetected({ infractionId, zoneId: ZONE }, { commandId: `${run}-detect-${infractionId}` }));

async function queued(infractionIds: string[]): Promise<number> {
  const { rows } = await side.db.pool.query<{ count: string }>('SELECT count(*) FROM notification_outbox WHERE infraction_id = ANY($1)', [infractionIds]);
  return Number(rows[0]!.count);
}

/** Recipients of the messages received for an infraction, sorted (duplicates stay visible). */
async function recipientsOf(infractionId: string, kind = 'awaits review'): Promise<string[]> {
  const messages = await receivedWithSubject(`Infraction ${infractionId} ${kind}`);
  return messages.flatMap((message) => message.to).sort();
}

beforeAll(async () => {
  side = await startWriteSide();
  await command('PublishFineSchedule', SCHEDULE_V1, admin());
  await migrateNotificationTables(side.db.pool);
  await seedDemoRecipients(side.db.pool);
  await addRecipients(side.db.pool, {
    recipients: [
      ...OPERATORS.map((email) => ({ zoneId: ZONE, role: 'operator', email })),
      { zoneId: ZONE, role: 'supervisor', email: SUPERVISOR },
      { zoneId: 'another-zone', role: 'operator', email: `elsewhere-${run}@roadledger.example` },
    ],
  });
  writer = newWriter();
  await writer.start();
});
afterAll(async () => {
  await writer?.stop();
  await side?.close();
});

describe('notifications', () => {
  it("e-mails a new infraction to the zone's operators, naming the infraction and the zone", async () => {
    const sender = newSender();
    sender.start();
    try {
      await detect(`${run}-a`);
      await expect.poll(() => recipientsOf(`${run}-a`), { timeout: 15_000, interval: 100 }).toEqual([...OPERATORS, DEMO_OPERATORS].sort());
    } finally {
      await sender.stop();
    }
    const [message] = await receivedWithSubject(`Infraction ${run}-a awaits review`);
    expect(message!.subject).toBe(`[Roadledger] Infraction ${run}-a awaits review (zone ${ZONE})`);
    const text = await messageText(message!.id);
    expect(text).toContain(`A new SPEED_VIOLATION infraction awaits review in zone ${ZONE}.`);
    expect(text).toContain(`Infraction: ${run}-a`);
    expect(text).toContain('Plate: ABC-123');
  });

  it("e-mails an appeal to the zone's supervisors only", async () => {
    const id = `${run}-a`;
    await command('ValidateInfraction', { infractionId: id }, operator('olga'));
    await command('IssueFine', { infractionId: id }, operator('olga'));
    await command('FileAppeal', { infractionId: id, appealId: `${run}-appeal`, grounds: 'the car was sold the week before' }, operator('olga'));
    const sender = newSender();
    sender.start();
    try {
      await expect.poll(() => receivedWithSubject(`Appeal ${run}-appeal`), { timeout: 15_000, interval: 100 }).toHaveLength(2);
    } finally {
      await sender.stop();
    }
    const appeals = await receivedWithSubject(`Appeal ${run}-appeal`);
    expect(appeals.flatMap((message) => message.to).sort()).toEqual(['supervisors@roadledger.example', SUPERVISOR].sort());
    expect(appeals[0]!.subject).toBe(`[Roadledger] Appeal ${run}-appeal on infraction ${id} (zone ${ZONE})`);
    expect(await messageText(appeals[0]!.id)).toContain('Grounds: the car was sold the week before');
  });

  it('sends each notification once when two senders drain the outbox at the same time', async () => {
    const ids = Array.from({ length: 12 }, (_, index) => `${run}-c${index}`);
    for (const id of ids) await detect(id);
    await expect.poll(() => queued(ids), { timeout: 15_000, interval: 100 }).toBe(ids.length * 3);

    const [first, second] = [newSender(), newSender()];
    const sent = await Promise.all([first.drain(), second.drain()]);
    await Promise.all([first.stop(), second.stop()]);
    expect(sent[0] + sent[1]).toBe(ids.length * 3);
    // Both took part: the rows were shared, not sent by one while the other waited.
    expect(Math.min(...sent)).toBeGreaterThan(0);
    for (const id of ids) expect(await recipientsOf(id)).toEqual([...OPERATORS, DEMO_OPERATORS].sort());
  });

  it('sends nothing again after a restart, nor after a replay of the whole log', async () => {
    await writer.stop();
    writer = newWriter();
    await writer.start();
    const replay = newWriter('replay-from-start');
    await replay.start();
    await detect(`${run}-d`);
    const sender = newSender();
    sender.start();
    try {
      await expect.poll(() => recipientsOf(`${run}-d`), { timeout: 15_000, interval: 100 }).toEqual([...OPERATORS, DEMO_OPERATORS].sort());
      // The replaying writer has read everything the live one has, and queued nothing new.
      await expect
        .poll(async () => (await side.db.pool.query('SELECT DISTINCT position FROM notification_checkpoint')).rowCount, { timeout: 15_000, interval: 100 })
        .toBe(1);
      await sender.drain();
    } finally {
      await replay.stop();
      await sender.stop();
    }
    const { rows } = await side.db.pool.query<{ unsent: string; total: string }>(
      'SELECT count(*) FILTER (WHERE sent_at IS NULL) AS unsent, count(*) AS total FROM notification_outbox',
    );
    // a: 3, appeal: 2, c0..c11: 36, d: 3.
    expect(rows[0]).toEqual({ unsent: '0', total: String(3 + 2 + 36 + 3) });
    expect(await recipientsOf(`${run}-a`)).toEqual([...OPERATORS, DEMO_OPERATORS].sort());
    expect(await receivedWithSubject(run)).toHaveLength(3 + 2 + 36 + 3);
  });
});
