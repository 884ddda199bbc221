// Subscriptions over graphql-ws on the API's port: a new detection reaches a subscriber
// within a second, a change of one infraction reaches who follows it, unsubscribing frees
// the server side, and a connection without a valid token is refused.
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mintToken } from './auth/mint-token.js';
import { apiWorld, type ApiWorld } from './testing/api-world.js';
import { commandId, detection, RECORD_DETECTED } from './testing/operations.js';

let world: ApiWorld;
const clients: Client[] = [];

function connect(token: string | null): Client {
  const client = createClient({
    url: world.server.url.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  clients.push(client);
  return client;
}

async function untilSubscribed(count: number): Promise<void> {
  for (let attempt = 0; attempt < 200 && world.server.activeSubscriptions() !== count; attempt++) await sleep(10);
  expect(world.server.activeSubscriptions()).toBe(count);
}

async function detect(infractionId: string, zoneId: string): Promise<void> {
  const response = await world.gql(await world.token('device', 'device-1'), RECORD_DETECTED, { commandId: commandId(), input: detection({ infractionId, zoneId }) });
  expect(response.errors).toBeUndefined();
}

beforeAll(async () => {
  world = await apiWorld();
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await world?.close();
});

it('delivers a new detection in the subscribed zone within a second, and none from other zones', async () => {
  const client = connect(await world.token('operator'));
  const events = client.iterate<{ infractionDetected: { id: string; zoneId: string; status: string } }>({
    query: 'subscription { infractionDetected(filter: { zoneId: "zone-watch" }) { id zoneId status } }',
  });
  const first = events.next();
  await untilSubscribed(1);
  await detect('inf-elsewhere', 'zone-other');
  const sent = Date.now();
  await detect('inf-watched', 'zone-watch');
  const received = await first;
  const elapsedMs = Date.now() - sent;
  expect(received.value?.data?.infractionDetected).toEqual({ id: 'inf-watched', zoneId: 'zone-watch', status: 'DETECTED' });
  expect(elapsedMs).toBeLessThan(1000);
  await events.return?.();
  await untilSubscribed(0);
});

it('follows one infraction: each change arrives with the infraction as it left it', async () => {
  await detect('inf-followed', 'zone-1');
  const client = connect(await world.token('auditor'));
  const changes = client.iterate<{ infractionChanged: { event: { type: string; revision: number; actor: { id: string } }; infraction: { status: string; plate: { verified: boolean } } } }>({
    query: 'subscription { infractionChanged(id: "inf-followed") { event { type revision actor { id } } infraction { status plate { verified } } } }',
  });
  const next = changes.next();
  await untilSubscribed(1);
  const confirmed = await world.gql(await world.token('operator', 'op-sub'), 'mutation($c: ID!) { confirmPlate(commandId: $c, infractionId: "inf-followed") { events } }', { c: commandId() });
  expect(confirmed.errors).toBeUndefined();
  const change = (await next).value?.data?.infractionChanged;
  expect(change).toEqual({ event: { type: 'PlateConfirmed', revision: 1, actor: { id: 'op-sub' } }, infraction: { status: 'DETECTED', plate: { verified: true } } });
  await changes.return?.();
  await untilSubscribed(0);
});

it('refuses a connection without a valid token', async () => {
  for (const token of [null, await mintToken({ secret: world.settings.JWT_SECRET, role: 'operator', subject: 'late', ttl: -5 })]) {
    const client = connect(token);
    const events = client.iterate({ query: 'subscription { infractionDetected { id } }' });
    await expect(events.next()).rejects.toMatchObject({ code: 4403 });
  }
  expect(world.server.activeSubscriptions()).toBe(0);
});
