// What a real review console gets, for bench:graphql: many operators (one connection each,
// from a second process) polling the review queues of 20 zones, first and second page, while
// the read model really changes at a steady rate (QueueWriter). For each rate: GraphQL with
// the response cache on (its hit rate), the achieved changes/s, stale answers seen after a
// change committed (must be 0), and the same page reads by bare pg under the same changes.
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { pageOfInfractions } from '../src/projections/infractions/queries.js';
import { pagesOf, type ConsolePlan, type QueuePage } from './graphql-console-load.js';
import { QueueWriter, type WriterFigures } from './graphql-console-writer.js';
import { cpuMs, timedFigures, workerFigures, type Latencies } from './load-figures.js';

export interface ConsoleSetup {
  /** The server's pool (the bare reads use it too). */
  pool: pg.Pool;
  /** The writer gets a pool of its own, as a projection runner would: it never queues behind the API's reads. */
  databaseUrl: string;
  /** The live generation's infractions table. */
  table: string;
  /** POST URL of a server with the response cache on. */
  url: string;
  token: string;
  operators: number;
  pagesPerOperator: number;
  seconds: number;
  rates: readonly number[];
  zones: number;
  /** The runner's batch window (PROJECTION_BATCH_WINDOW_MS): changes are committed in batches, as the runner commits events. */
  batchWindowMs: number;
  /** The server's cache lookups so far (hit and all). */
  lookups: () => Promise<{ hit: number; joined: number; all: number }>;
}

/** Each zone's first page and the page after it (its cursor as the first page ends now). */
export async function queuePages(pool: pg.Pool, zones: number): Promise<QueuePage[]> {
  const firsts: QueuePage[] = [];
  const seconds: QueuePage[] = [];
  for (let z = 0; z < zones; z++) {
    const zone = `zone-${z}`;
    const first = await pageOfInfractions(pool, { status: ['DETECTED'], zoneId: zone }, { first: 20 });
    firsts.push({ zone, after: null });
    seconds.push({ zone, after: first.endCursor });
  }
  return [...firsts, ...seconds];
}

async function graphqlLoad(setup: ConsoleSetup, pages: QueuePage[]): Promise<Latencies> {
  const plan: ConsolePlan = { url: setup.url, token: setup.token, operators: setup.operators, pagesPerOperator: setup.pagesPerOperator, seconds: setup.seconds, pages };
  return workerFigures(fileURLToPath(new URL('./graphql-console-load.js', import.meta.url)), ['--plan', JSON.stringify(plan)]);
}

/** The same page reads through pg in this process: one loop per operator over its own pages. */
async function bareLoad(setup: ConsoleSetup, pages: QueuePage[]): Promise<Latencies> {
  const latencies: number[] = [];
  const until = Date.now() + setup.seconds * 1000;
  await Promise.all(
    Array.from({ length: setup.operators }, async (_, operator) => {
      const own = pagesOf(operator, pages, setup.pagesPerOperator);
      for (let turn = 0; Date.now() < until; turn++) {
        const page = own[turn % own.length]!;
        const started = process.hrtime.bigint();
        await pageOfInfractions(setup.pool, { status: ['DETECTED'], zoneId: page.zone }, { first: 20, after: page.after });
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  );
  return timedFigures(latencies, setup.seconds);
}

/** Runs `load` while the writer changes the model at `rate`; the writer stops when the load ends. */
async function underChanges<T>(writer: QueueWriter, rate: number, load: () => Promise<T>): Promise<{ measured: T; changes: WriterFigures }> {
  const stop = new AbortController();
  const changes = writer.run(rate, stop.signal);
  try {
    const measured = await load();
    stop.abort();
    return { measured, changes: await changes };
  } finally {
    stop.abort();
  }
}

/** Prints the console table and returns one verdict line per change rate. */
export async function consoleWorkload(setup: ConsoleSetup): Promise<string[]> {
  const pages = await queuePages(setup.pool, setup.zones);
  const writerPool = new pg.Pool({ connectionString: setup.databaseUrl, max: 10 });
  writerPool.on('error', (error) => console.error(`writer pool closed at shutdown: ${error.message}`));
  try {
    return await measureRates(setup, pages, new QueueWriter(writerPool, setup.table, pages, { url: setup.url, token: setup.token }, setup.batchWindowMs));
  } finally {
    await writerPool.end();
  }
}

async function measureRates(setup: ConsoleSetup, pages: QueuePage[], writer: QueueWriter): Promise<string[]> {
  const verdicts: string[] = [];
  console.log('');
  console.log(
    `Review consoles: ${setup.operators} operators, each polling ${setup.pagesPerOperator} of ${pages.length} pages (${setup.zones} zones x first and second page), ` +
      `response cache on, while the infractions model changes as the runner changes it (batches of what arrived within ${setup.batchWindowMs} ms, ` +
      `one transaction each, NOTIFY with the COMMIT, then the in-process signal)`,
  );
  console.log('');
  console.log('| changes/s asked | path | req/s | p50 ms | p99 ms | requests | non-2xx/errors | server CPU ms/req | cache hit rate | changes/s made | commits (signals)/s | stale / checked | cost vs bare |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const rate of setup.rates) {
    const before = await setup.lookups();
    const cpu = process.cpuUsage();
    const api = await underChanges(writer, rate, () => graphqlLoad(setup, pages));
    const cpuPerRequest = cpuMs(process.cpuUsage(cpu)) / Math.max(1, api.measured.requests);
    const after = await setup.lookups();
    const lookedUp = Math.max(1, after.all - before.all);
    const hitRate = (after.hit - before.hit) / lookedUp;
    // Answered by an identical request in flight (single flight): not read again, not a hit either.
    const joinedRate = (after.joined - before.joined) / lookedUp;
    const hitText = `${(hitRate * 100).toFixed(1)}% (+${(joinedRate * 100).toFixed(1)}% joined)`;
    const bare = await underChanges(writer, rate, () => bareLoad(setup, pages));
    const ratio = bare.measured.rps / api.measured.rps;
    const perSecond = (count: number, figures: WriterFigures): string => (count / Math.max(0.001, figures.seconds)).toFixed(1);
    const made = (figures: WriterFigures): string => perSecond(figures.changes, figures);
    const row = (path: string, m: Latencies, cpuText: string, hit: string, changes: WriterFigures, stale: string, cost: string): void =>
      console.log(`| ${rate} | ${path} | ${m.rps.toFixed(0)} | ${m.p50.toFixed(2)} | ${m.p99.toFixed(2)} | ${m.requests} | ${m.failures} | ${cpuText} | ${hit} | ${made(changes)} | ${perSecond(changes.batches, changes)} | ${stale} | ${cost} |`);
    row('GraphQL, cache on', api.measured, cpuPerRequest.toFixed(3), hitText, api.changes, `${api.changes.stale} / ${api.changes.checks}`, `${ratio.toFixed(2)}x`);
    row('bare pg, same SQL, in process', bare.measured, '', '', bare.changes, '', '1x');
    const failed = api.changes.failed + bare.changes.failed;
    verdicts.push(
      `consoles at ${rate} changes/s asked (${made(api.changes)} made in ${perSecond(api.changes.batches, api.changes)} commits/s): ${api.measured.rps.toFixed(0)} req/s, p99 ${api.measured.p99} ms, ` +
        `hit rate ${hitText}, cost ratio ${ratio.toFixed(2)}x; stale answers ${api.changes.stale} of ${api.changes.checks} checked (must be 0)` +
        `${failed > 0 ? `, ${failed} failed changes or checks` : ''}; ` +
        `>= 2000 req/s ${api.measured.rps >= 2000 ? 'met' : 'NOT met'}, p99 < 50 ms ${api.measured.p99 < 50 ? 'met' : 'NOT met'}, <= 3x ${ratio <= 3 ? 'met' : 'NOT met'}`,
    );
  }
  return verdicts;
}
