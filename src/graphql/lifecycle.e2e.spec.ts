// The whole life of an infraction through the API, as the people and the camera would
// drive it: detected -> plate confirmed -> validated -> fined -> appealed -> dismissed ->
// paid. After every step the history and the as-of answers say what happened, and the
// hash chain verifies until a row is altered behind the API's back.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiWorld, type ApiWorld } from './testing/api-world.js';
import { AS_OF, commandId, detection, HISTORY, INFRACTION, PUBLISH_SCHEDULE, RECORD_DETECTED, RESULT, SCHEDULE, VERIFY } from './testing/operations.js';

let world: ApiWorld;
const tokens: Record<string, string> = {};
const id = `inf-${Date.now()}`;
/** Instants just after each step, to ask what the system knew then. */
const after: Record<string, string> = {};
/** What each step sent, to send it again. */
const sent: Record<string, { mutation: string; variables: Record<string, unknown> }> = {};

type Result = { commandId: string; duplicate: boolean; revision: number; events: string[]; infraction: { status: string; revision: number; plate: { text: string; verified: boolean } | null; fine: { amountMinor: number; currency: string } | null; validatedBy: string | null; appeal: { id: string; outcome: string | null } | null } };

async function step(name: string, role: string, mutation: string, variables: Record<string, unknown>): Promise<Result> {
  sent[name] = { mutation, variables: { commandId: commandId(), ...variables } };
  const response = await world.gql<Record<string, Result>>(tokens[role]!, mutation, sent[name].variables);
  expect(response.errors, `${name}: ${JSON.stringify(response.errors)}`).toBeUndefined();
  // recordedAt has millisecond precision: step past the instant the event was recorded.
  await sleep(5);
  after[name] = new Date().toISOString();
  await sleep(5);
  return Object.values(response.data!)[0]!;
}

beforeAll(async () => {
  world = await apiWorld();
  for (const role of ['admin', 'supervisor', 'operator', 'auditor'] as const) tokens[role] = await world.token(role);
  tokens.device = await world.token('device', 'device-1');
  tokens.operator2 = await world.token('operator', 'operator-2');
  await step('schedule', 'admin', PUBLISH_SCHEDULE, { schedule: SCHEDULE });
});
afterAll(async () => world?.close());

describe('an infraction from detection to payment', () => {
  const before = new Date(Date.now() - 1000).toISOString();

  it('is detected by the camera, with its plate read canonicalised and its considered speed', async () => {
    const result = await step('detected', 'device', RECORD_DETECTED, { input: detection({ infractionId: id }) });
    expect(result.events).toEqual(['InfractionDetected']);
    expect(result.infraction).toMatchObject({ status: 'DETECTED', revision: 0, plate: { text: 'ABC-123', verified: false } });
  });

  it('has its low-confidence plate confirmed by an operator', async () => {
    const result = await step('confirmed', 'operator', `mutation($commandId: ID!, $id: ID!) { confirmPlate(commandId: $commandId, infractionId: $id) ${RESULT} }`, { id });
    expect(result.infraction).toMatchObject({ status: 'DETECTED', plate: { text: 'ABC-123', verified: true } });
  });

  it('is validated by the operator', async () => {
    const result = await step('validated', 'operator', `mutation($commandId: ID!, $id: ID!) { validateInfraction(commandId: $commandId, infractionId: $id, note: "clear snapshot") ${RESULT} }`, { id });
    expect(result.infraction).toMatchObject({ status: 'VALIDATED', validatedBy: 'user:operator-1' });
  });

  it('is fined at the schedule amount of its speed band (80 - 5 = 75 km/h, 25 over: second band)', async () => {
    const result = await step('fined', 'operator', `mutation($commandId: ID!, $id: ID!) { issueFine(commandId: $commandId, infractionId: $id) ${RESULT} }`, { id });
    expect(result.infraction).toMatchObject({ status: 'FINED', fine: { amountMinor: 90000, currency: 'PEN' } });
  });

  it('is appealed', async () => {
    const result = await step('appealed', 'operator2', `mutation($commandId: ID!, $id: ID!) { fileAppeal(commandId: $commandId, infractionId: $id, appealId: "appeal-1", grounds: "I was not driving") ${RESULT} }`, { id });
    expect(result.infraction).toMatchObject({ status: 'APPEALED', appeal: { id: 'appeal-1', outcome: null } });
  });

  it('has the appeal dismissed by a supervisor, which puts the fine back in force', async () => {
    const result = await step('dismissed', 'supervisor', `mutation($commandId: ID!, $id: ID!) { resolveAppeal(commandId: $commandId, infractionId: $id, appealId: "appeal-1", outcome: DISMISSED, reason: "evidence is clear") ${RESULT} }`, { id });
    expect(result.infraction).toMatchObject({ status: 'FINED', appeal: { outcome: 'DISMISSED' } });
  });

  it('is paid with the amount due', async () => {
    const result = await step('paid', 'operator', `mutation($commandId: ID!, $id: ID!, $amount: MoneyInput!) { recordPayment(commandId: $commandId, infractionId: $id, paymentId: "pay-1", amount: $amount, paidAt: "2026-01-05T10:00:00Z") ${RESULT} }`, {
      id,
      amount: { amountMinor: 90000, currency: 'PEN' },
    });
    expect(result.infraction).toMatchObject({ status: 'PAID', revision: 6 });
  });

  it('answers a retried payment (same commandId) with the first outcome, appending nothing', async () => {
    const first = sent.paid!;
    const again = await world.gql<{ recordPayment: { duplicate: boolean; revision: number; events: string[] } }>(tokens.operator!, first.mutation, first.variables);
    expect(again.data!.recordPayment).toEqual({ ...again.data!.recordPayment, duplicate: true, revision: 6, events: ['PaymentRecorded'] });
    const history = await world.gql<{ infractionHistory: unknown[] }>(tokens.auditor!, HISTORY, { id });
    expect(history.data!.infractionHistory).toHaveLength(7);
  });

  it('tells the auditor who did what, when and why, chained by hash', async () => {
    const response = await world.gql<{ infractionHistory: Array<Record<string, unknown> & { actor: Record<string, unknown> }> }>(tokens.auditor!, HISTORY, { id });
    const history = response.data!.infractionHistory;
    expect(history.map((entry) => entry.type)).toEqual([
      'InfractionDetected',
      'PlateConfirmed',
      'InfractionValidated',
      'FineIssued',
      'AppealFiled',
      'AppealResolved',
      'PaymentRecorded',
    ]);
    expect(history.map((entry) => entry.actor)).toEqual([
      { kind: 'DEVICE', id: 'device-1', role: null },
      { kind: 'USER', id: 'operator-1', role: 'OPERATOR' },
      { kind: 'USER', id: 'operator-1', role: 'OPERATOR' },
      { kind: 'USER', id: 'operator-1', role: 'OPERATOR' },
      { kind: 'USER', id: 'operator-2', role: 'OPERATOR' },
      { kind: 'USER', id: 'supervisor-1', role: 'SUPERVISOR' },
      { kind: 'USER', id: 'operator-1', role: 'OPERATOR' },
    ]);
    expect(history.map((entry) => entry.reason)).toEqual([null, null, 'clear snapshot', null, 'I was not driving', 'evidence is clear', null]);
    history.forEach((entry, index) => {
      expect(entry.revision).toBe(index);
      if (index > 0) expect(entry.previousHash).toBe(history[index - 1]!.hash);
    });
  });

  it('answers what the system knew after each step (by recordedAt)', async () => {
    const asOf = async (at: string) => (await world.gql<{ infractionAsOf: { revision: number; infraction: { status: string; plate: { verified: boolean }; fine: { amountMinor: number } | null; appeal: { outcome: string | null } | null } | null } }>(tokens.auditor!, AS_OF, { id, at })).data!.infractionAsOf;
    expect(await asOf(before)).toMatchObject({ revision: -1, infraction: null });
    expect(await asOf(after.detected!)).toMatchObject({ revision: 0, infraction: { status: 'DETECTED', plate: { verified: false } } });
    expect(await asOf(after.confirmed!)).toMatchObject({ revision: 1, infraction: { status: 'DETECTED', plate: { verified: true } } });
    expect(await asOf(after.validated!)).toMatchObject({ revision: 2, infraction: { status: 'VALIDATED', fine: null } });
    expect(await asOf(after.fined!)).toMatchObject({ revision: 3, infraction: { status: 'FINED', fine: { amountMinor: 90000 } } });
    expect(await asOf(after.appealed!)).toMatchObject({ revision: 4, infraction: { status: 'APPEALED', appeal: { outcome: null } } });
    expect(await asOf(after.dismissed!)).toMatchObject({ revision: 5, infraction: { status: 'FINED', appeal: { outcome: 'DISMISSED' } } });
    expect(await asOf(after.paid!)).toMatchObject({ revision: 6, infraction: { status: 'PAID' } });
  });

  it('shows the paid infraction in the read model, with a signed evidence URL', async () => {
    type Read = { status: string; evidence: Array<{ url: string; sha256: string }> } | null;
    const read = async (): Promise<Read> => (await world.gql<{ infraction: Read }>(tokens.operator!, INFRACTION, { id })).data!.infraction;
    let infraction = await read();
    for (let attempt = 0; attempt < 100 && infraction?.status !== 'PAID'; attempt++) {
      await sleep(50);
      infraction = await read();
    }
    expect(infraction?.status).toBe('PAID');
    expect(infraction!.evidence[0]!.sha256).toBe('a'.repeat(64));
    expect(infraction!.evidence[0]!.url).toMatch(/\/evidence\/inf-\d+\/snapshot\.jpg\?expires=\d+&signature=/);
  });

  it('verifies the stream, then finds the row altered behind its back', async () => {
    const stream = `infraction-${id}`;
    const intact = await world.gql<{ verifyStream: Record<string, unknown> }>(tokens.auditor!, VERIFY, { stream });
    expect(intact.data!.verifyStream).toMatchObject({ stream, ok: true, events: 7, firstBadRevision: null });
    // Behind the API's back: a plain UPDATE of the payment's amount, whatever JSON type the column has.
    const { rows } = await world.database.pool.query<{ type: string }>(
      `SELECT data_type AS type FROM information_schema.columns WHERE table_schema = 'event_store' AND table_name = 'events' AND column_name = 'data'`,
    );
    await world.database.pool.query(
      `UPDATE event_store.events SET data = jsonb_set(data::jsonb, '{amount,amountMinor}', '1')::${rows[0]!.type} WHERE stream_name = $1 AND revision = 6`,
      [stream],
    );
    const tampered = await world.gql<{ verifyStream: Record<string, unknown> }>(tokens.auditor!, VERIFY, { stream });
    expect(tampered.data!.verifyStream).toMatchObject({ ok: false, firstBadRevision: 6, reason: 'HASH_MISMATCH' });
  });
});
