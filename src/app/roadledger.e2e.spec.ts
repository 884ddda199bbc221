// The product as a newcomer meets it: the app starts on its defaults (PostgreSQL given by
// URL here), ingests the generated demo video in the background, and its infractions come
// out in GraphQL, enriched from the registry; an operator validates, fines and records the
// payment; history, as-of and verify answer; a restart on the same data shows the same state.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/postgres.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startRoadledger, type RunningRoadledger } from './roadledger.js';
import { mintToken } from '../graphql/auth/mint-token.js';

let database: TestDatabase;
let dataDir: string;
let app: RunningRoadledger | undefined;

const start = async () =>
  startRoadledger(loadConfig({ DATABASE_URL: database.url, DATA_DIR: dataDir, HTTP_PORT: '0', LOG_LEVEL: 'silent', EXPIRY_INTERVAL_MS: '0' }), createLogger('silent'));

async function gql<T>(role: 'operator' | 'supervisor' | 'auditor', query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const token = await mintToken({ secret: loadConfig({}).JWT_SECRET, role, subject: `${role}-1` });
  const response = await fetch(`${app!.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, seconds: number): Promise<T> {
  const until = Date.now() + seconds * 1000;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await sleep(500);
    value = await read();
  }
  return value;
}

interface Listed {
  infractions: { totalCount: number; edges: { node: { id: string; type: string; status: string; plate: { text: string } | null; owner: { visibility: string } | null } }[] };
}
const LIST = `{ infractions(first: 10) { totalCount edges { node { id type status plate { text } owner { visibility } } } } }`;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'roadledger-app-'));
  app = await start();
});

afterAll(async () => {
  await app?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

it('turns the demo video into enriched infractions, takes one to payment, and keeps it all across a restart', async () => {
  const listed = await eventually(
    () => gql<Listed>('operator', LIST),
    (data) => data.infractions.totalCount >= 3 && data.infractions.edges.every((edge) => edge.node.owner !== null),
    150,
  );
  const byPlate = Object.fromEntries(listed.infractions.edges.map(({ node }) => [node.plate?.text, node]));
  expect(listed.infractions.edges.map(({ node }) => `${node.plate?.text} ${node.type}`).sort()).toEqual([
    'BRA2E19 SPEED_VIOLATION',
    'LMN-456 LANE_INVASION',
    'RTX-482 RED_LIGHT',
  ]);
  expect(byPlate['BRA2E19']!.owner).toEqual({ visibility: 'MASKED' });
  const id = byPlate['BRA2E19']!.id;

  await gql('operator', `mutation($id: ID!) { validateInfraction(commandId: "e2e-validate", infractionId: $id) { events } }`, { id });
  const fined = await gql<{ issueFine: { infraction: { fine: { amountMinor: number; currency: string } } } }>(
    'operator',
    `mutation($id: ID!) { issueFine(commandId: "e2e-fine-issue", infractionId: $id) { infraction { fine { amountMinor currency } } } }`,
    { id },
  );
  const amount = fined.issueFine.infraction.fine;
  // 71 km/h measured, 5 km/h Peruvian tolerance, 50 km/h limit: 16 km/h over, the demo's 10+ band.
  expect(amount).toEqual({ amountMinor: 41_500, currency: 'PEN' });
  const beforePayment = new Date().toISOString();
  await sleep(20);
  await gql('operator', `mutation($id: ID!, $amount: MoneyInput!) { recordPayment(commandId: "e2e-payment-1", infractionId: $id, paymentId: "pay-1", amount: $amount, paidAt: "2026-11-25T12:00:00Z") { events } }`, {
    id,
    amount,
  });

  const audit = await gql<{
    infractionHistory: { type: string; actor: { kind: string } }[];
    infractionAsOf: { infraction: { status: string } };
    verifyStream: { ok: boolean; events: number };
  }>('auditor', `query($id: ID!, $at: DateTime!, $stream: String!) {
      infractionHistory(id: $id) { type actor { kind } }
      infractionAsOf(id: $id, at: $at) { infraction { status } }
      verifyStream(stream: $stream) { ok events }
    }`, { id, at: beforePayment, stream: `infraction-${id}` });
  expect(audit.infractionHistory.map((entry) => entry.type)).toEqual(['InfractionDetected', 'OwnerIdentified', 'InfractionValidated', 'FineIssued', 'PaymentRecorded']);
  expect(audit.infractionHistory[0]!.actor.kind).toBe('DEVICE');
  expect(audit.infractionAsOf.infraction.status).toBe('FINED');
  expect(audit.verifyStream).toEqual({ ok: true, events: 5 });

  const paid = await eventually(
    () => gql<{ infraction: { status: string } }>('operator', `query($id: ID!) { infraction(id: $id) { status } }`, { id }),
    (data) => data.infraction.status === 'PAID',
    10,
  );
  expect(paid.infraction.status).toBe('PAID');
  const countEvents = async () => Number((await database.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events')).rows[0]!.n);
  const before = await countEvents();

  await app!.stop();
  app = await start();
  // The second start seeds and ingests the same video again: the same command and message ids.
  await app.demo;
  await sleep(3_000); // the event writer applies what the re-run published
  const again = await gql<{ infraction: { status: string } | null }>('operator', `query($id: ID!) { infraction(id: $id) { status } }`, { id });
  expect(again.infraction?.status).toBe('PAID');
  expect((await gql<Listed>('operator', LIST)).infractions.totalCount).toBe(3);
  expect(await countEvents()).toBe(before);
}, 300_000);
