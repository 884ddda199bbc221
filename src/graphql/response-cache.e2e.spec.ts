// The response cache (src/graphql/response-cache) over real PostgreSQL and a live projection
// runner: a repeated read is answered from memory, an answer is dropped as soon as a read
// model it was read from moves (in this process after the commit, from another process by
// NOTIFY), a burst of identical misses is read once (single flight) unless a change came
// between, nobody gets an answer made for another role or user, and the setting turns it off.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onReadModelChange, READ_MODEL_CHANNEL } from '../projections/read-model-changes.js';
import { apiWorld, type ApiWorld } from './testing/api-world.js';
import { commandId, detection, RECORD_DETECTED } from './testing/operations.js';

const QUEUE = `query Queue($zone: ID!) { infractions(filter: { zoneId: $zone }, first: 10) { edges { node { id plate { text } } } } }`;
const OWNER = `query($id: ID!) { infraction(id: $id) { id owner { visibility name } } }`;
type Queue = { infractions: { edges: Array<{ node: { id: string; plate: { text: string } | null } }> } };

let world: ApiWorld;
const zone = `zone-cache-${Date.now()}`;

type Lookups = { hit: number; joined: number; miss: number; off: number };

/** The cache's counters as /metrics shows them. */
async function lookups(server = world): Promise<Lookups> {
  const text = await (await fetch(`${server.server.url}/metrics`)).text();
  const counts: Lookups = { hit: 0, joined: 0, miss: 0, off: 0 };
  for (const match of text.matchAll(/^roadledger_graphql_response_cache_lookups_total\{result="(hit|joined|miss|off)"\} (\d+)/gm)) counts[match[1] as keyof Lookups] = Number(match[2]);
  return counts;
}

async function queue(as = 'operator', subject = 'ana', server = world): Promise<string[]> {
  const response = await server.gql<Queue>(await server.token(as as 'operator', subject), QUEUE, { zone });
  expect(response.errors).toBeUndefined();
  return response.data!.infractions.edges.map(({ node }) => `${node.id}:${node.plate?.text}`);
}

async function detect(server: ApiWorld, infractionId: string, zoneId = zone): Promise<void> {
  const projected = new Promise<void>((resolve) => {
    const stop = onReadModelChange((source) => source === 'infractions' && (stop(), resolve()));
  });
  const response = await server.gql(await server.token('device', 'device-1'), RECORD_DETECTED, { commandId: commandId(), input: detection({ infractionId, zoneId }) });
  expect(response.errors).toBeUndefined();
  await projected;
}

/** A read-model change made behind the projections' back: no signal, so only a cached answer can hide it. */
const renamePlate = (server: ApiWorld, infractionId: string, plate: string) =>
  server.database.pool.query(`UPDATE read_models.infractions SET plate = $2 WHERE infraction_id = $1`, [infractionId, plate]);

beforeAll(async () => {
  world = await apiWorld();
  await detect(world, 'c-1');
});
afterAll(async () => world?.close());

describe('with the cache on (the default)', () => {
  it('answers a repeated read from the cache', async () => {
    const first = await queue();
    expect(first).toEqual(['c-1:ABC-123']);
    const before = await lookups();
    await renamePlate(world, 'c-1', 'HIDDEN-1');
    expect(await queue()).toEqual(first);
    expect((await lookups()).hit).toBe(before.hit + 1);
  });

  it('answers from the cache with the same status, headers and bytes Apollo gave, under the caller\'s correlation id', async () => {
    const ask = async (correlation: string) => {
      const response = await fetch(`${world.server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await world.token('operator', 'bea')}`, 'x-correlation-id': correlation },
        body: JSON.stringify({ query: QUEUE, variables: { zone } }),
      });
      const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'date'));
      return { status: response.status, headers, body: await response.text() };
    };
    const before = await lookups();
    const missed = await ask('first-ask'); // a user who has not asked before: made by Apollo
    expect((await lookups()).miss).toBe(before.miss + 1);
    const hit = await ask('second-ask');
    expect((await lookups()).hit).toBe(before.hit + 1);
    expect(hit).toEqual({ ...missed, headers: { ...missed.headers, 'x-correlation-id': 'second-ask' } });
  });

  it('shows a newly projected event in the next query after the projection committed it', async () => {
    await queue(); // cached
    await detect(world, 'c-2');
    // c-1's plate changed behind the back is visible too: the whole answer was read again.
    expect(await queue()).toEqual(['c-2:ABC-123', 'c-1:HIDDEN-1']);
  });

  it('drops an answer when another process commits a change to its read model (LISTEN/NOTIFY)', async () => {
    expect(await queue()).toEqual(['c-2:ABC-123', 'c-1:HIDDEN-1']);
    // What a projection runner in another process does: the change and the NOTIFY in one transaction.
    const other = new pg.Client({ connectionString: world.database.url });
    await other.connect();
    await other.query(`BEGIN`);
    await other.query(`UPDATE read_models.infractions SET plate = 'ELSEWHERE' WHERE infraction_id = 'c-2'`);
    await other.query(`SELECT pg_notify($1, 'infractions')`, [READ_MODEL_CHANNEL]);
    await other.query(`COMMIT`);
    await other.end();
    let seen = await queue();
    for (let attempt = 0; attempt < 40 && seen[0] !== 'c-2:ELSEWHERE'; attempt++) seen = await sleep(25).then(() => queue());
    expect(seen).toEqual(['c-2:ELSEWHERE', 'c-1:HIDDEN-1']);
  });

  it('keeps an answer when only a read model it does not read moves', async () => {
    await queue();
    const before = await lookups();
    const other = new pg.Client({ connectionString: world.database.url });
    await other.connect();
    await other.query(`SELECT pg_notify($1, 'device-stats')`, [READ_MODEL_CHANNEL]);
    await other.end();
    await sleep(100);
    await queue();
    expect((await lookups()).hit).toBe(before.hit + 1);
  });

  it('is off while the change listener is lost, and on again once it is back', async () => {
    await queue();
    const { rowCount } = await world.database.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = $1`,
      [`LISTEN ${READ_MODEL_CHANNEL}`],
    );
    expect(rowCount).toBe(1);
    await sleep(50);
    await renamePlate(world, 'c-1', 'WHILE-DEAF');
    // The first read after the loss may race the socket's close; from then on nothing is served from memory.
    let seen = await queue();
    for (let attempt = 0; attempt < 40 && !seen.includes('c-1:WHILE-DEAF'); attempt++) seen = await sleep(25).then(() => queue());
    expect(seen).toContain('c-1:WHILE-DEAF');
    expect((await lookups()).off).toBeGreaterThan(0);
    // Back once the listener reconnects: a repeated read is a hit again.
    const hits = async () => (await lookups()).hit;
    let back = false;
    for (let attempt = 0; attempt < 100 && !back; attempt++) {
      await sleep(50);
      const before = await hits();
      await queue();
      await queue();
      back = (await hits()) > before;
    }
    expect(back).toBe(true);
  });
});

describe('a burst of identical misses (single flight)', () => {
  /** The review-queue page reads waiting on the table lock: one per execution of the page's SQL. */
  let observer: pg.Client; // a connection of its own: the server's pool may be all taken by waiting reads
  beforeAll(async () => {
    observer = new pg.Client({ connectionString: world.database.url });
    await observer.connect();
  });
  afterAll(async () => observer?.end());
  const pageReadsWaiting = async () =>
    Number(
      (
        await observer.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%ORDER BY occurred_at DESC, infraction_id DESC%'`,
        )
      ).rows[0]!.n,
    );
  async function untilWaiting(count: number): Promise<number> {
    let waiting = await pageReadsWaiting();
    for (let attempt = 0; attempt < 100 && waiting < count; attempt++) waiting = await sleep(20).then(pageReadsWaiting);
    return waiting;
  }
  /** Holds the read model still: every read of it waits until released, so the requests are surely concurrent. */
  async function lockReadModel(): Promise<pg.Client> {
    const holder = new pg.Client({ connectionString: world.database.url });
    await holder.connect();
    await holder.query(`BEGIN`);
    await holder.query(`LOCK TABLE read_models.infractions IN ACCESS EXCLUSIVE MODE`);
    return holder;
  }
  const release = async (holder: pg.Client) => holder.query(`COMMIT`).then(() => holder.end());

  it('reads the page once for N concurrent identical requests after a change, and all get the fresh answer', async () => {
    await queue('operator', 'flo');
    await detect(world, 'c-3');
    const before = await lookups();
    const holder = await lockReadModel();
    const answers = Array.from({ length: 8 }, () => queue('operator', 'flo'));
    let waiting: number;
    try {
      await untilWaiting(1);
      await sleep(300); // time for every request to reach the server and, without single flight, its own read
      waiting = await pageReadsWaiting();
    } finally {
      await release(holder);
    }
    expect(waiting).toBe(1);
    const seen = await Promise.all(answers);
    expect(seen[0]![0]).toBe('c-3:ABC-123');
    expect(new Set(seen.map((answer) => answer.join()))).toEqual(new Set([seen[0]!.join()]));
    const after = await lookups();
    expect({ miss: after.miss - before.miss, joined: after.joined - before.joined }).toEqual({ miss: 1, joined: 7 });
  });

  it('does not join a read in flight when a change was committed after it began', async () => {
    await detect(world, 'c-4'); // voids the cached page
    const before = await lookups();
    const holder = await lockReadModel();
    const first = queue('operator', 'flo');
    let later: Promise<string[]>;
    let waiting: number;
    try {
      await untilWaiting(1);
      // Another process commits a change to the read model the flight reads (its NOTIFY).
      const other = new pg.Client({ connectionString: world.database.url });
      await other.connect();
      await other.query(`SELECT pg_notify($1, 'infractions')`, [READ_MODEL_CHANNEL]);
      await other.end();
      await sleep(100);
      later = queue('operator', 'flo');
      waiting = await untilWaiting(2);
    } finally {
      await release(holder);
    }
    expect(waiting).toBe(2);
    expect((await later)[0]).toBe('c-4:ABC-123');
    await first;
    const after = await lookups();
    expect({ miss: after.miss - before.miss, joined: after.joined - before.joined }).toEqual({ miss: 2, joined: 0 });
  });
});

describe('callers', () => {
  beforeAll(async () => {
    const identified = await world.gql(
      await world.token('service', 'registry'),
      `mutation($commandId: ID!) { identifyOwner(commandId: $commandId, infractionId: "c-1", plate: "ABC123", registry: "SUNARP",
        owner: { name: "Juana Pérez Quispe", documentType: "DNI", documentNumber: "45678912" }) { events } }`,
      { commandId: commandId() },
    );
    expect(identified.errors).toBeUndefined();
    for (let attempt = 0; attempt < 100; attempt++) {
      const response = await world.gql<{ infraction: { owner: unknown } }>(await world.token('supervisor', 'sol'), OWNER, { id: 'c-1' });
      if (response.data?.infraction.owner) return;
      await sleep(50);
    }
  });

  const ownerAs = async (role: 'supervisor' | 'operator', subject: string) =>
    (await world.gql<{ infraction: { owner: { visibility: string; name: string } } }>(await world.token(role, subject), OWNER, { id: 'c-1' })).data!.infraction.owner;

  it('never hands one role or user the answer made for another', async () => {
    const visible = { visibility: 'VISIBLE', name: 'Juana Pérez Quispe' };
    const masked = { visibility: 'MASKED', name: 'J*** P*** Q***' };
    expect(await ownerAs('supervisor', 'sol')).toEqual(visible);
    const before = await lookups();
    expect(await ownerAs('operator', 'sol')).toEqual(masked); // same user id, another role
    expect(await ownerAs('operator', 'ana')).toEqual(masked);
    expect(await ownerAs('operator', 'otto')).toEqual(masked); // another user, same role
    expect(await ownerAs('supervisor', 'sol')).toEqual(visible);
    const after = await lookups();
    expect(after.miss - before.miss).toBe(3);
    expect(after.hit - before.hit).toBe(1);
  });

  it('refuses a role that may not read an answer another role has in the cache', async () => {
    const ledger = '{ finesLedger { currency issuedCount } }';
    expect((await world.gql(await world.token('supervisor', 'sol'), ledger)).errors).toBeUndefined();
    expect((await world.gql(await world.token('supervisor', 'sol'), ledger)).errors).toBeUndefined();
    const refused = await world.gql(await world.token('operator', 'sol'), ledger);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await world.gql(null, ledger)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('shows an erased owner as erased at once, though the infractions read model did not move', async () => {
    const clear = await world.gql<{ infraction: { owner: { subjectId: string } } }>(await world.token('auditor', 'aud'), `{ infraction(id: "c-1") { owner { subjectId } } }`);
    expect(await ownerAs('supervisor', 'sol')).toMatchObject({ visibility: 'VISIBLE' });
    const erased = await world.gql(
      await world.token('admin', 'root'),
      `mutation($commandId: ID!, $subject: ID!) { erasePersonalData(commandId: $commandId, subjectId: $subject, reason: "data subject request") { events } }`,
      { commandId: commandId(), subject: clear.data!.infraction.owner.subjectId },
    );
    expect(erased.errors).toBeUndefined();
    expect(await ownerAs('supervisor', 'sol')).toEqual({ visibility: 'ERASED', name: null });
  });
});

describe('with GRAPHQL_RESPONSE_CACHE=false', () => {
  let uncached: ApiWorld;
  beforeAll(async () => {
    uncached = await apiWorld({ GRAPHQL_RESPONSE_CACHE: false });
    await detect(uncached, 'u-1');
  });
  afterAll(async () => uncached?.close());

  it('reads every answer afresh and looks nothing up', async () => {
    expect(await queue('operator', 'ana', uncached)).toEqual(['u-1:ABC-123']);
    const before = await lookups(uncached);
    await renamePlate(uncached, 'u-1', 'SEEN-AT-ONCE');
    expect(await queue('operator', 'ana', uncached)).toEqual(['u-1:SEEN-AT-ONCE']);
    expect(await lookups(uncached)).toEqual(before);
    const listeners = await uncached.database.pool.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query = $1`, [`LISTEN ${READ_MODEL_CHANNEL}`]);
    expect(listeners.rowCount).toBe(0);
  });
});
