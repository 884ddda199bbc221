// bench:graphql — the review-queue query (20 rows, a filter, a cursor) over 100,000
// infractions in the read model, under load from a second process (autocannon), against
// the same rows fetched by bare pg queries in a loop of the same concurrency. Prints req/s,
// p50/p99 and the ratio. Needs PostgreSQL: DATABASE_URL, or the project's service on
// 127.0.0.1:15432 (`npm run services:up postgres`).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { Command } from 'commander';
import pg from 'pg';
import { loadConfig } from '../src/app/config.js';
import { createHttpServer } from '../src/app/http/create-http-server.js';
import { createLogger } from '../src/app/logger.js';
import { WriteSideModule } from '../src/app/write-side.module.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';
import { LocalEvidenceStore } from '../src/evidence/local/local-evidence-store.js';
import { mintToken } from '../src/graphql/auth/mint-token.js';
import { infractionsProjection } from '../src/projections/infractions/projection.js';
import { pageOfInfractions, searchInfractions } from '../src/projections/infractions/queries.js';
import { migrateControlSchema } from '../src/projections/runner/control-schema.js';
import { ensureLiveGeneration, tableNamer } from '../src/projections/runner/generations.js';

const options = new Command()
  .option('--rows <n>', 'infractions in the read model', '100000')
  .option('--connections <n>', 'concurrent connections of the load generator', '20')
  .option('--seconds <n>', 'length of each measured run', '15')
  .option('--graphql-only', 'only the GraphQL page query, no bare runs: for `node --cpu-prof` of the server')
  .parse()
  .opts<{ rows: string; connections: string; seconds: string; graphqlOnly?: boolean }>();
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

const ZONES = 20;
const STATUSES = ['DETECTED', 'DETECTED', 'DETECTED', 'VALIDATED', 'FINED', 'PAID', 'REJECTED'];

async function fill(): Promise<void> {
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
}

const query = (withCount: boolean): string => `query Queue($after: String) {
  infractions(filter: { status: [DETECTED], zoneId: "zone-7" }, first: 20, after: $after) {
    ${withCount ? 'totalCount' : ''}
    pageInfo { hasNextPage endCursor }
    edges { node { id type status occurredAt reviewDeadline plate { text confidence verified } speed { measuredKmh consideredKmh limitKmh } } }
  }
}`;
const FILTER = { status: ['DETECTED'], zoneId: 'zone-7' };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** The same rows by the same SQL straight through pg, `connections` loops at once. */
async function bare(after: string, withCount: boolean): Promise<{ requests: number; rps: number; p50: number; p99: number; cpuMsPerRequest: number }> {
  const read = withCount ? searchInfractions : pageOfInfractions;
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        const started = process.hrtime.bigint();
        await read(pool, FILTER, { first: 20, after });
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  );
  const cpuMsPerRequest = cpuMs(process.cpuUsage(cpu)) / latencies.length;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, rps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), cpuMsPerRequest };
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  /** CPU time of this process (the server) per request: the figure least bent by other load on the machine. */
  cpuMsPerRequest: number;
}

const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;

async function load(target: string, token: string, after: string, withCount: boolean): Promise<AutocannonResult> {
  const cli = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
  const body = JSON.stringify({ query: query(withCount), variables: { after } });
  const cpu = process.cpuUsage();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, '--json', '-c', String(connections), '-d', String(seconds), '-m', 'POST', '-H', 'content-type=application/json', '-H', `authorization=Bearer ${token}`, '-b', body, target],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const result = JSON.parse(stdout) as Omit<AutocannonResult, 'cpuMsPerRequest'>;
  return { ...result, cpuMsPerRequest: cpuMs(process.cpuUsage(cpu)) / Math.max(1, result.requests.total) };
}

/** GraphQL against the bare query for both shapes of the review queue, as a table and verdicts. */
async function compare(target: string, token: string, after: string): Promise<void> {
  console.log('');
  console.log(`| query | path | req/s | p50 ms | p99 ms | requests | non-2xx/errors | node CPU ms/req |`);
  console.log(`|---|---|---|---|---|---|---|---|`);
  const verdicts: string[] = [];
  for (const withCount of [false, true]) {
    const label = withCount ? 'page + totalCount (2 statements)' : 'page only (1 statement)';
    const api = await load(target, token, after, withCount);
    const direct = await bare(after, withCount);
    const ratio = direct.rps / api.requests.average;
    console.log(`| ${label} | GraphQL over HTTP (autocannon, second process) | ${api.requests.average.toFixed(0)} | ${api.latency.p50} | ${api.latency.p99} | ${api.requests.total} | ${api.non2xx}/${api.errors} | ${api.cpuMsPerRequest.toFixed(3)} |`);
    console.log(`| ${label} | bare pg, same SQL, in process | ${direct.rps.toFixed(0)} | ${direct.p50.toFixed(2)} | ${direct.p99.toFixed(2)} | ${direct.requests} | 0/0 | ${direct.cpuMsPerRequest.toFixed(3)} |`);
    verdicts.push(
      `${label}: cost ratio GraphQL/bare ${ratio.toFixed(2)}x; >= 2000 req/s ${api.requests.average >= 2000 ? 'met' : 'NOT met'}, p99 < 50 ms ${api.latency.p99 < 50 ? 'met' : 'NOT met'}, <= 3x ${ratio <= 3 ? 'met' : 'NOT met'}`,
    );
  }
  console.log('');
  for (const verdict of verdicts) console.log(verdict);
}

const store = new PostgresEventStore({ connectionString: config.DATABASE_URL!, poolSize: 4, logger });
// DROP DATABASE ... WITH (FORCE) at the end ends any connection still open; that is expected.
for (const each of [pool, store.pool]) each.on('error', (error) => console.error(`pool closed at shutdown: ${error.message}`));
let server: Awaited<ReturnType<typeof createHttpServer>> | null = null;
try {
  await store.migrate();
  const started = Date.now();
  await fill();
  console.log(`read model: ${rows} infractions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  server = await createHttpServer({
    settings: config,
    logger,
    store,
    readPool: pool,
    evidence: new LocalEvidenceStore({ root: '.data/bench-evidence', publicBaseUrl: 'http://127.0.0.1/evidence', signingSecret: 'bench' }),
    writeSide: WriteSideModule.forRoot({ eventStore: store, personalDataPool: pool, personalDataSecret: config.PERSONAL_DATA_SECRET, logger }),
  });
  const token = await mintToken({ secret: config.JWT_SECRET, role: 'operator', subject: 'bench', ttl: '1h' });
  const firstPage = await searchInfractions(pool, FILTER, { first: 20 });
  const after = firstPage.endCursor!;
  console.log(`review queue: zone-7 DETECTED, ${firstPage.totalCount} rows match; measuring the second page (cursor) for ${seconds} s at ${connections} connections`);

  await load(`${server.url}/graphql`, token, after, true); // warm-up: JIT, pools, Apollo's document cache
  if (options.graphqlOnly) {
    const api = await load(`${server.url}/graphql`, token, after, false);
    console.log(`GraphQL, page only: ${api.requests.average.toFixed(0)} req/s, p50 ${api.latency.p50} ms, p99 ${api.latency.p99} ms, non-2xx/errors ${api.non2xx}/${api.errors}, server CPU ${api.cpuMsPerRequest.toFixed(3)} ms/req`);
  } else {
    await compare(`${server.url}/graphql`, token, after);
  }
} finally {
  await server?.close();
  await store.close();
  await pool.end();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
}
