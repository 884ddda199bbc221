// `npm run bench:rebuild [-- --events N] [-- --reuse NAME] [-- --only infractions]`: generates a realistic history
// through the domain's deciders (batch-appended through the PostgreSQL adapter), then
// measures in one run plain readAll throughput and the blue/green rebuild of the
// infractions and zone-daily-stats models, as events/s and as a ratio to readAll.
// Target on this 2-core machine: >= 50,000 events/s and >= 40% of readAll.
import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import pg from 'pg';
import { dropWhenClosed } from './bench-database.js';
import { loadConfig } from '../src/app/config.js';
import { createLogger } from '../src/app/logger.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';
import { infractionsProjection } from '../src/projections/infractions/projection.js';
import { ProjectionRunner } from '../src/projections/runner/runner.js';
import { appendHistory } from '../src/projections/testing/append-history.js';
import { trafficHistory } from '../src/projections/testing/traffic-history.js';
import { zoneDailyStatsProjection } from '../src/projections/zone-daily-stats/projection.js';

const options = new Command()
  .option('--events <n>', 'events to generate', (v) => Number(v), 1_000_000)
  .option('--database-url <url>', 'server to create the bench database on', loadConfig().DATABASE_URL ?? 'postgres://roadledger:roadledger@127.0.0.1:15432/roadledger')
  .option('--reuse <name>', 'use (and keep) this database; generate only if it holds fewer events')
  .option('--only <names>', 'rebuild only these projections (comma-separated)')
  .parse()
  .opts<{ events: number; databaseUrl: string; reuse?: string; only?: string }>();

const logger = createLogger('warn', 'bench');

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const name = options.reuse ?? `rl_bench_${randomBytes(4).toString('hex')}`;
if (options.reuse) await onServer(`CREATE DATABASE ${name}`).catch(() => undefined);
else await onServer(`CREATE DATABASE ${name}`);
const url = new URL(options.databaseUrl);
url.pathname = `/${name}`;
const store = new PostgresEventStore({ connectionString: url.toString(), logger, poolSize: 10 });
await store.migrate();
const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
const figures: Record<string, string | number> = { events: 0 };

try {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events');
  let stored = Number(rows[0]!.n);
  if (stored < options.events) {
    const bar = new SingleBar({ format: 'generating |{bar}| {value}/{total} events | {eta_formatted}', fps: 2 }, Presets.shades_classic);
    bar.start(options.events, 0);
    const started = performance.now();
    const appended = await appendHistory(store, trafficHistory({ events: options.events, seed: 2026 }), { concurrency: 8, onAppended: (n) => bar.increment(n) });
    bar.stop();
    figures['append events/s'] = Math.round(appended.events / ((performance.now() - started) / 1000));
    stored = appended.events;
  }
  figures.events = stored;

  const readStarted = performance.now();
  const readCpu = process.cpuUsage();
  let read = 0;
  for await (const _event of store.readAll()) read++;
  const readAllRate = read / ((performance.now() - readStarted) / 1000);
  const readCpuUsed = process.cpuUsage(readCpu);
  figures['readAll events/s'] = Math.round(readAllRate);
  figures['readAll node cpu s'] = ((readCpuUsed.user + readCpuUsed.system) / 1e6).toFixed(2);

  const projections = [infractionsProjection, zoneDailyStatsProjection];
  const runner = new ProjectionRunner(pool, store, projections, logger);
  for (const projection of projections.filter((p) => !options.only || options.only.split(',').includes(p.name))) {
    const cpuBefore = process.cpuUsage();
    const result = await runner.rebuild(projection.name);
    const cpu = process.cpuUsage(cpuBefore);
    const rate = result.events / result.seconds;
    figures[`${projection.name} rebuild events/s`] = Math.round(rate);
    figures[`${projection.name} / readAll`] = `${((rate / readAllRate) * 100).toFixed(0)}%`;
    // Where the time went, and this process's CPU (a figure less distorted by other load than the wall clock).
    const { replaySeconds, indexSeconds, switchSeconds } = result.phases;
    figures[`${projection.name} replay / indexes / switch s`] = `${replaySeconds.toFixed(2)} / ${indexSeconds.toFixed(2)} / ${switchSeconds.toFixed(2)}`;
    figures[`${projection.name} node cpu s`] = ((cpu.user + cpu.system) / 1e6).toFixed(2);
    const table = projection.publicTables[0]!;
    const { rows: size } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM read_models."${table}"`);
    figures[`${table} rows`] = Number(size[0]!.n);
  }
  await runner.stop();
} finally {
  await store.close();
  await pool.end();
  if (!options.reuse) {
    const admin = new pg.Client({ connectionString: options.databaseUrl });
    await admin.connect();
    await dropWhenClosed(admin, name).finally(() => admin.end());
  }
}

const width = Math.max(...Object.keys(figures).map((key) => key.length));
for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(width)}  ${typeof value === 'number' ? value.toLocaleString('en-US') : value}`);
console.log(JSON.stringify({ bench: 'rebuild', ...figures }));
