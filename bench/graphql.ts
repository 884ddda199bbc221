// bench:graphql — the review-queue query (20 rows, a filter, a cursor) over 100,000
// infractions in the read model, under load from a second process (autocannon), against
// the same rows fetched by bare pg queries in a loop of the same concurrency. Prints req/s,
// p50/p99, the server's CPU per request and the ratio, with the response cache off and on
// (its hit rate), and a run whose cursor differs on every request (no reuse: the cache's
// other end); then review consoles polling 40 pages while the model changes
// (graphql-console.ts). Needs PostgreSQL: DATABASE_URL, or the project's service on 127.0.0.1:15432
// (`npm run services:up postgres`).
import { randomBytes, randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Command } from 'commander';
import pg from 'pg';
import { Counter, register } from 'prom-client';
import { loadConfig } from '../src/app/config.js';
import { createHttpServer } from '../src/app/http/create-http-server.js';
import { createLogger } from '../src/app/logger.js';
import { WriteSideModule } from '../src/app/write-side.module.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';
import { LocalEvidenceStore } from '../src/evidence/local/local-evidence-store.js';
import { mintToken } from '../src/graphql/auth/mint-token.js';
import { infractionsProjection } from '../src/projections/infractions/projection.js';
import { encodeCursor, pageOfInfractions, searchInfractions } from '../src/projections/infractions/queries.js';
import { migrateControlSchema } from '../src/projections/runner/control-schema.js';
import { ensureLiveGeneration, tableNamer } from '../src/projections/runner/generations.js';
import { dropWhenClosed } from './bench-database.js';
import { consoleWorkload } from './graphql-console.js';
import { cpuMs, timedFigures, workerFigures, type Latencies } from './load-figures.js';

const ZONES = 20;
const STATUSES = ['DETECTED', 'DETECTED', 'DETECTED', 'VALIDATED', 'FINED', 'PAID', 'REJECTED'];
const FILTER = { status: ['DETECTED'], zoneId: 'zone-7' };
const FIRST_INSTANT = Date.parse('2026-01-01T00:00:00Z');

/** A cursor anywhere in the filled range: keyset pagination takes any position, so each request can ask for a page never asked before. */
function randomCursor(rows: number): string {
  const i = randomInt(1, rows + 1);
  return encodeCursor({ occurred_at: new Date(FIRST_INSTANT + i * 20_000).toISOString(), infraction_id: `inf-${String(randomInt(0, 10_000_000)).padStart(7, '0')}` });
}

const query = (withCount: boolean): string => `query Queue($after: String) {
  infractions(filter: { status: [DETECTED], zoneId: "zone-7" }, first: 20, after: $after) {
    ${withCount ? 'totalCount' : ''}
    pageInfo { hasNextPage endCursor }
    edges { node { id type status occurredAt reviewDeadline plate { text confidence verified } speed { measuredKmh consideredKmh limitKmh } } }
  }
}`;

interface LoadPlan {
  url: string;
  token: string;
  connections: number;
  seconds: number;
  withCount: boolean;
  /** The second page's cursor, or 'random' for a new cursor on every request. */
  after: string;
  rows: number;
}

/** The load generator's own process (`--load-worker <plan>`): autocannon, its result as JSON on stdout. */
async function loadWorker(plan: LoadPlan): Promise<void> {
  const text = query(plan.withCount);
  const fixed = JSON.stringify({ query: text, variables: { after: plan.after } });
  const result = await autocannon({
    url: plan.url,
    connections: plan.connections,
    duration: plan.seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${plan.token}` },
        setupRequest: (request) => ({ ...request, body: plan.after === 'random' ? JSON.stringify({ query: text, variables: { after: randomCursor(plan.rows) } }) : fixed }),
      },
    ],
  });
  process.stdout.write(JSON.stringify(result));
}

if (process.argv[2] === '--load-worker') {
  await loadWorker(JSON.parse(process.argv[3]!) as LoadPlan);
  process.exit(0);
}

const options = new Command()
  .option('--rows <n>', 'infractions in the read model', '100000')
  .option('--connections <n>', 'concurrent connections of the load generator', '20')
  .option('--seconds <n>', 'length of each measured run', '15')
  .option('--graphql-only', 'only the GraphQL page query, no bare runs: for `node --cpu-prof` of the server')
  .option('--cache <which>', 'response cache for --graphql-only: on or off', 'off')
  .option('--cursor <which>', 'cursor for --graphql-only: second-page, or random (a new one every request)', 'second-page')
  .option('--operators <n>', 'review consoles (connections) of the console workload', '20')
  .option('--pages-per-operator <n>', 'review-queue pages each console polls in turn', '4')
  .option('--change-rates <list>', 'read-model changes per second of the console workload, comma-separated', '10,50,200')
  .option('--console-only', 'only the console workload')
  .parse()
  .opts<{
    rows: string;
    connections: string;
    seconds: string;
    graphqlOnly?: boolean;
    cache: string;
    cursor: string;
    operators: string;
    pagesPerOperator: string;
    changeRates: string;
    consoleOnly?: boolean;
  }>();
const rows = Number(options.rows);
const connections = Number(options.connections);
const seconds = Number(options.seconds);

const serverUrl = process.env.DATABASE_URL ?? 'postgres://roadledger:roadledger@127.0.0.1:15432/roadledger';
const database = `rl_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
const url = new URL(serverUrl);
url.pathname = `/${database}`;
const config = loadConfig({ ...process.env, DATABASE_URL: url.toString(), HTTP_PORT: '0', LOG_LEVEL: 'warn', RATE_LIMIT_POINTS: '1000000000' });
const logger = createLogger('warn', 'bench-graphql');
const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.PG_POOL_SIZE });

/** Fills the live generation; returns its infractions table. */
async function fill(): Promise<string> {
  await migrateControlSchema(pool);
  const generation = await ensureLiveGeneration(pool, infractionsProjection);
  const table = tableNamer(generation.name, generation.generation)('infractions');
  await pool.query(
    `INSERT INTO ${table} (infraction_id, infraction_type, status, zone_id, device_id, plate, plate_confidence, plate_verified,
       occurred_at, review_deadline, measured_kmh, considered_kmh, limit_kmh, evidence, revision, updated_at)
     SELECT 'inf-' || lpad(i::text, 7, '0'),
            (ARRAY['SPEED_VIOLATION','RED_LIGHT','LANE_INVASION','NO_SEATBELT','PHONE_USAGE','OTHER'])[1 + i % 6],
            ($1::text[])[1 + (i / ${ZONES}) % array_length($1::text[], 1)],
            'zone-' || (i % ${ZONES}), 'device-' || (i % 97),
            'ABC-' || lpad((i % 1000)::text, 3, '0'), 0.5 + (i % 50) / 100.0, i % 3 = 0,
            timestamptz '2026-01-01' + make_interval(secs => i * 20), timestamptz '2026-01-31' + make_interval(secs => i * 20),
            70 + i % 40, 65 + i % 40, 60,
            jsonb_build_array(jsonb_build_object('kind', 'SNAPSHOT', 'uri', 'evidence://local/' || i || '/s.jpg', 'sha256', repeat('a', 64))),
            0, now()
       FROM generate_series(1, $2::int) AS i`,
    [STATUSES, rows],
  );
  await pool.query(`ANALYZE ${table}`);
  return table;
}

/** The same rows by the same SQL straight through pg, `connections` loops at once. */
async function bare(after: string, withCount: boolean): Promise<Measured> {
  const read = withCount ? searchInfractions : pageOfInfractions;
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        const started = process.hrtime.bigint();
        await read(pool, FILTER, { first: 20, after: after === 'random' ? randomCursor(rows) : after });
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  );
  const cpuMsPerRequest = cpuMs(process.cpuUsage(cpu)) / latencies.length;
  return { ...timedFigures(latencies, seconds), cpuMsPerRequest, hitRate: null };
}

interface Measured extends Latencies {
  /** CPU time of this process (the server) per request: the figure least bent by other load on the machine. */
  cpuMsPerRequest: number;
  /** Share of requests answered from the response cache, null with the cache off. */
  hitRate: number | null;
}

async function cacheLookups(): Promise<{ hit: number; joined: number; all: number }> {
  const metric = register.getSingleMetric('roadledger_graphql_response_cache_lookups_total') as Counter | undefined;
  const values = metric ? (await metric.get()).values : [];
  const count = (result: string): number => values.find((value) => value.labels.result === result)?.value ?? 0;
  return { hit: count('hit'), joined: count('joined'), all: values.reduce((sum, value) => sum + value.value, 0) };
}

/** autocannon in a second process against `target`; the server's CPU measured here meanwhile. */
async function load(target: string, token: string, after: string, withCount: boolean, cached: boolean): Promise<Measured> {
  const plan: LoadPlan = { url: target, token, connections, seconds, withCount, after, rows };
  const cpu = process.cpuUsage();
  const lookups = await cacheLookups();
  const figures = await workerFigures(fileURLToPath(import.meta.url), ['--load-worker', JSON.stringify(plan)]);
  const after_ = await cacheLookups();
  return {
    ...figures,
    cpuMsPerRequest: cpuMs(process.cpuUsage(cpu)) / Math.max(1, figures.requests),
    hitRate: cached ? (after_.hit - lookups.hit) / Math.max(1, after_.all - lookups.all) : null,
  };
}

interface Servers {
  cacheOff: string;
  cacheOn: string;
}

/** GraphQL with the cache off and on against the bare query, for one shape and one cursor plan, as table rows and verdicts. */
async function compare(servers: Servers, token: string, after: string, withCount: boolean, label: string, verdicts: string[]): Promise<void> {
  const off = await load(servers.cacheOff, token, after, withCount, false);
  const on = await load(servers.cacheOn, token, after, withCount, true);
  const direct = await bare(after, withCount);
  const row = (path: string, m: Measured, ratio: string): void =>
    console.log(`| ${label} | ${path} | ${m.rps.toFixed(0)} | ${m.p50.toFixed(2)} | ${m.p99.toFixed(2)} | ${m.requests} | ${m.failures} | ${m.cpuMsPerRequest.toFixed(3)} | ${m.hitRate === null ? '' : `${(m.hitRate * 100).toFixed(1)}%`} | ${ratio} |`);
  // The cost ratio: how many times the bare query's throughput is the GraphQL path's.
  const ratioOf = (m: Measured): number => direct.rps / m.rps;
  row('GraphQL, response cache off', off, `${ratioOf(off).toFixed(2)}x`);
  row('GraphQL, response cache on', on, `${ratioOf(on).toFixed(2)}x`);
  row('bare pg, same SQL, in process', direct, '1x');
  for (const [name, m] of [['cache off', off], ['cache on', on]] as const) {
    const ratio = ratioOf(m);
    verdicts.push(
      `${label}, ${name}${m.hitRate === null ? '' : ` (hit rate ${(m.hitRate * 100).toFixed(1)}%)`}: ${m.rps.toFixed(0)} req/s, cost ratio ${ratio.toFixed(2)}x ` +
        `(server CPU per request ${(m.cpuMsPerRequest / direct.cpuMsPerRequest).toFixed(2)}x the bare query's); ` +
        `>= 2000 req/s ${m.rps >= 2000 ? 'met' : 'NOT met'}, p99 < 50 ms ${m.p99 < 50 ? 'met' : 'NOT met'}, <= 3x ${ratio <= 3 ? 'met' : 'NOT met'}`,
    );
  }
}

const store = new PostgresEventStore({ connectionString: config.DATABASE_URL!, poolSize: 4, logger });
// DROP DATABASE ... WITH (FORCE) at the end ends any connection still open; that is expected.
for (const each of [pool, store.pool]) each.on('error', (error) => console.error(`pool closed at shutdown: ${error.message}`));
const running: Array<Awaited<ReturnType<typeof createHttpServer>>> = [];
try {
  await store.migrate();
  const started = Date.now();
  const table = await fill();
  console.log(`read model: ${rows} infractions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const serve = async (cache: boolean): Promise<string> => {
    const server = await createHttpServer({
      settings: { ...config, GRAPHQL_RESPONSE_CACHE: cache },
      logger,
      store,
      readPool: pool,
      evidence: new LocalEvidenceStore({ root: '.data/bench-evidence', publicBaseUrl: 'http://127.0.0.1/evidence', signingSecret: 'bench' }),
      writeSide: WriteSideModule.forRoot({ eventStore: store, personalDataPool: pool, personalDataSecret: config.PERSONAL_DATA_SECRET, logger }),
    });
    running.push(server);
    return `${server.url}/graphql`;
  };
  const token = await mintToken({ secret: config.JWT_SECRET, role: 'operator', subject: 'bench', ttl: '1h' });
  const firstPage = await searchInfractions(pool, FILTER, { first: 20 });
  const after = firstPage.endCursor!;
  console.log(`review queue: zone-7 DETECTED, ${firstPage.totalCount} rows match; ${seconds} s per run at ${connections} connections`);

  if (options.graphqlOnly) {
    const cached = options.cache === 'on';
    const target = await serve(cached);
    await load(target, token, after, true, cached); // warm-up: JIT, pools, Apollo's document cache
    const api = await load(target, token, options.cursor === 'random' ? 'random' : after, false, cached);
    console.log(
      `GraphQL, page only, ${options.cursor === 'random' ? 'a new cursor every request' : 'second page'}, response cache ${cached ? 'on' : 'off'}: ${api.rps.toFixed(0)} req/s, p50 ${api.p50} ms, p99 ${api.p99} ms, non-2xx/errors ${api.failures}, ` +
        `server CPU ${api.cpuMsPerRequest.toFixed(3)} ms/req${api.hitRate === null ? '' : `, hit rate ${(api.hitRate * 100).toFixed(1)}%`}`,
    );
  } else {
    const servers: Servers = { cacheOff: await serve(false), cacheOn: await serve(true) };
    for (const target of [servers.cacheOff, servers.cacheOn]) await load(target, token, after, true, false); // warm-up
    const verdicts: string[] = [];
    if (!options.consoleOnly) {
      console.log('');
      console.log('| query | path | req/s | p50 ms | p99 ms | requests | non-2xx/errors | server CPU ms/req | cache hit rate | cost vs bare |');
      console.log('|---|---|---|---|---|---|---|---|---|---|');
      await compare(servers, token, after, false, 'page only, second page', verdicts);
      await compare(servers, token, after, true, 'page + totalCount, second page', verdicts);
      await compare(servers, token, 'random', false, 'page only, a new cursor every request', verdicts);
    }
    // Last: its changes move the model the runs above read. A server of its own: the
    // new-cursor run above filled the other's cache with answers no console asks for.
    const consoleVerdicts = await consoleWorkload({
      pool,
      databaseUrl: config.DATABASE_URL!,
      table,
      url: await serve(true),
      token,
      operators: Number(options.operators),
      pagesPerOperator: Number(options.pagesPerOperator),
      seconds,
      rates: options.changeRates.split(',').map(Number),
      zones: ZONES,
      batchWindowMs: config.PROJECTION_BATCH_WINDOW_MS,
      lookups: cacheLookups,
    });
    verdicts.push(...consoleVerdicts);
    console.log('');
    for (const verdict of verdicts) console.log(verdict);
  }
} finally {
  for (const server of running) await server.close();
  await store.close();
  await pool.end();
  await dropWhenClosed(admin, database);
  await admin.end();
}
