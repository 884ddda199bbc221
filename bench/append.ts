// npm run bench:append — what the PostgreSQL event store costs, on one server in one run:
// raw COPY of equivalent rows (the limit), batched appends of 100 events per call (new
// streams; existing streams whose head the store knows or not), single appends from 8
// concurrent writers (throughput, p50/p99), and readAll; each as a ratio to COPY. Then
// NOTIFY after commit against NOTIFY inside the transaction, in interleaved rounds
// (`--notify-rounds`), and one caller's 100-event appends sent as one call against sent as
// chunks of several sizes, encoded while the server inserts (`--chunk-rounds`).
// `-- --events 1000000` runs the gap check instead. Settings come from
// src/app/config.ts (DATABASE_URL; default: the services' PostgreSQL on 15432).
import { randomBytes, randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command } from 'commander';
import pg from 'pg';
import pgCopy from 'pg-copy-streams';
import { createBenchDatabase } from './bench-database.js';
import { createLogger } from '../src/app/logger.js';
import type { EventEnvelope } from '../src/domain/shared/message.js';
import { canonicalJson } from '../src/event-store/canonical-json.js';
import { eventHash, GENESIS_HASH } from '../src/event-store/hash-chain.js';
import { chunkedAppendsTotal } from '../src/event-store/postgres/chunked-append.js';
import { runGapCheck } from '../src/event-store/postgres/gap-check.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';

const options = new Command()
  .option('--events <n>', 'run the gap check with this many events instead of the throughput benchmark', Number)
  .option('--count <n>', 'events per throughput workload', Number, 50_000)
  .option('--synchronous-commit <on|off>', 'synchronous_commit for the bench database (default: the server\'s)')
  .option('--ratio-rounds <n>', 'interleaved rounds of COPY and one caller\'s 100-event appends, alternating which goes first (0: skip)', Number, 3)
  .option('--notify-rounds <n>', 'interleaved rounds comparing NOTIFY after commit with NOTIFY inside the transaction (0: skip)', Number, 4)
  .option('--chunk-size <n|first/n>', 'events per chunk of a lone long append in the main workloads, optionally after a first chunk of another size (0: always one call)', '25/75')
  .option('--chunk-rounds <n>', 'rounds of 200 calls of one caller\'s 100-event appends, one call against chunks of each --chunk-sizes, taking turns (0: skip)', Number, 2)
  .option('--chunk-sizes <list>', 'chunk sizes (n or first/n) for --chunk-rounds', (value: string) => value.split(','), ['25', '50', '20/40', '25/75'])
  .parse()
  .opts<{ events?: number; count: number; synchronousCommit?: string; notifyRounds: number; ratioRounds: number; chunkSize: string; chunkRounds: number; chunkSizes: string[] }>();

const logger = createLogger('warn', 'bench-append');
const database = await createBenchDatabase('bench_append');
if (options.synchronousCommit) await database.admin.query(`ALTER DATABASE ${database.name} SET synchronous_commit = ${options.synchronousCommit === 'on' ? 'on' : 'off'}`);

try {
  if (options.events) await gapRun(database.url, options.events);
  else await throughputRun(database.url, options.count, options.notifyRounds, options.ratioRounds);
  if (!options.events && options.chunkRounds > 0) await chunkingComparison(database.url, options.chunkRounds, options.chunkSizes);
} finally {
  await database.drop();
}

async function gapRun(connectionString: string, events: number): Promise<void> {
  console.log(`gap check: ${events} events, 16 writers holding transactions open 0-4 ms (2% up to 40 ms)`);
  const result = await runGapCheck({ connectionString, events, writers: 16, batchSize: 10, maxHoldMs: 4, naiveControl: true, logger });
  console.table({ ...result, eventsPerSecond: Math.round(result.appended / result.seconds) });
  const clean = result.missing === 0 && result.repeated === 0 && result.outOfOrder === 0 && result.delivered === result.appended;
  console.log(clean ? 'PASS: 0 skipped, 0 repeated, in order' : 'FAIL: the subscription skipped, repeated or reordered events');
  if (!clean) process.exitCode = 1;
}

async function throughputRun(connectionString: string, count: number, notifyRounds: number, ratioRounds: number): Promise<void> {
  const store = new PostgresEventStore({ connectionString, poolSize: 10, logger, chunking: chunkingOption(options.chunkSize) });
  await store.migrate();
  const settings = await store.pool.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync', 'server_version')`,
  );
  const chunkingNote = chunkingOption(options.chunkSize) ? `a lone append of >= 64 events goes as chunks of ${options.chunkSize}` : 'every append is one call';
  console.log(`PostgreSQL ${settings.rows.map((row) => `${row.name}=${row.setting}`).join(', ')}; ${count} events per workload; ${chunkingNote}`);
  const defaultMode = (await store.notifiesInTransaction()) ? 'NOTIFY auto: inside when alone, else after commit' : 'NOTIFY after commit';
  const rows: Record<string, { eventsPerSecond: number; ratioToCopy: string; p50Ms?: number; p99Ms?: number; chunkedCalls?: number }> = {};
  const chunkedSoFar = async (): Promise<number> => (await chunkedAppendsTotal.get()).values[0]?.value ?? 0;
  let chunkedBefore = await chunkedSoFar();
  const chunkedCalls = async (): Promise<number> => {
    const now = await chunkedSoFar();
    const calls = now - chunkedBefore;
    chunkedBefore = now;
    return calls;
  };

  const copyRate = await copyWorkload(store.pool, count);
  rows['COPY (limit)'] = { eventsPerSecond: copyRate, ratioToCopy: '100%' };
  const ratio = (rate: number): string => `${((rate / copyRate) * 100).toFixed(0)}%`;

  await chunkedCalls();
  const batched = await batchedAppends(store, count, 'new');
  rows['append, 100 events per call (new streams)'] = { eventsPerSecond: batched, ratioToCopy: ratio(batched), chunkedCalls: await chunkedCalls() };
  const onKnownHead = await batchedAppends(store, count, 'known head');
  rows['  same, onto existing streams, head known'] = { eventsPerSecond: onKnownHead, ratioToCopy: ratio(onKnownHead), chunkedCalls: await chunkedCalls() };
  const overlapped = await concurrentBatchedAppends(store, count, 4);
  rows['  same, 4 callers at once (wall clock)'] = { eventsPerSecond: overlapped, ratioToCopy: ratio(overlapped), chunkedCalls: await chunkedCalls() };
  const stranger = new PostgresEventStore({ connectionString, poolSize: 10, logger });
  const onUnknownHead = await batchedAppends(store, count / 2, 'unknown head', stranger);
  await stranger.close();
  rows['  same, head unknown (server hashes)'] = { eventsPerSecond: onUnknownHead, ratioToCopy: ratio(onUnknownHead) };

  const single = await singleAppends(store, count);
  rows[`append, 1 event per call, 8 writers (${defaultMode})`] = { ...single, ratioToCopy: ratio(single.eventsPerSecond), chunkedCalls: await chunkedCalls() };

  const started = performance.now();
  let read = 0;
  for await (const _event of store.readAll()) read += 1;
  const readRate = rate(read, started);
  rows[`readAll (${read} events)`] = { eventsPerSecond: readRate, ratioToCopy: ratio(readRate) };

  console.table(rows);
  if (ratioRounds > 0) {
    const oneCall = chunkingOption(options.chunkSize) ? new PostgresEventStore({ connectionString, poolSize: 10, logger, chunking: false }) : undefined;
    await interleavedRatio(store, count, ratioRounds, oneCall);
    await oneCall?.close();
  }
  if (notifyRounds > 0) await notifyComparison(connectionString, count, notifyRounds);
  const [load1] = loadavg();
  console.log(`load average (1 min) at the end: ${load1?.toFixed(1)} on ${availableParallelism()} cores`);
  console.log('targets: batched >= 50% of COPY; single appends >= 3,000/s with p99 < 20 ms; readAll >= 100,000 events/s');
  await store.close();
}

/**
 * 100 events per call, one call at a time. 'new': each call starts a stream (no_stream);
 * 'known head': each call extends a stream this store wrote last (expected revision);
 * 'unknown head': the same through `other`, a store that never saw those streams.
 * The clock runs only inside append: each call's events are made just before it, fresh
 * as a decider's would be, and their making is not timed (COPY's rows are made untimed too).
 */
async function batchedAppends(store: PostgresEventStore, count: number, target: 'new' | 'known head' | 'unknown head', other?: PostgresEventStore): Promise<number> {
  return (await timedBatchedAppends(store, count, target, other)).eventsPerSecond;
}

interface BatchedFigures {
  eventsPerSecond: number;
  msPerCall: number;
  /** This process's CPU (user + system) inside the timed calls: the least load-sensitive figure. */
  clientCpuMsPerCall: number;
}

async function timedBatchedAppends(store: PostgresEventStore, count: number, target: 'new' | 'known head' | 'unknown head', other?: PostgresEventStore): Promise<BatchedFigures> {
  const calls = count / 100;
  const prefix = `batch-${randomUUID().slice(0, 8)}`;
  if (target !== 'new') {
    for (let call = 0; call < calls; call += 1) await store.append(`${prefix}-${call}`, someEvents(1), 'no_stream');
  }
  const writer = target === 'unknown head' && other ? other : store;
  let elapsedMs = 0;
  let cpuMicros = 0;
  for (let call = 0; call < calls; call += 1) {
    const events = someEvents(100);
    const cpuBefore = process.cpuUsage();
    const began = performance.now();
    await writer.append(`${prefix}-${call}`, events, target === 'new' ? 'no_stream' : 0);
    elapsedMs += performance.now() - began;
    const cpu = process.cpuUsage(cpuBefore);
    cpuMicros += cpu.user + cpu.system;
  }
  return {
    eventsPerSecond: Math.round(count / (elapsedMs / 1000)),
    msPerCall: round(elapsedMs / calls),
    clientCpuMsPerCall: round(cpuMicros / 1000 / calls),
  };
}

/**
 * 100 events per call from several callers at once, timed by the wall clock: how fast the
 * store takes batches when, as in production, more than one command appends at a time
 * (one caller leaves a core idle while its client encodes and its server inserts).
 */
async function concurrentBatchedAppends(store: PostgresEventStore, count: number, callers: number): Promise<number> {
  const callsPerCaller = Math.ceil(count / 100 / callers);
  const prefix = `overlap-${randomUUID().slice(0, 8)}`;
  const batches = Array.from({ length: callers }, () => Array.from({ length: callsPerCaller }, () => someEvents(100)));
  const started = performance.now();
  await Promise.all(
    batches.map(async (calls, caller) => {
      for (const [call, events] of calls.entries()) await store.append(`${prefix}-${caller}-${call}`, events, 'no_stream');
    }),
  );
  return rate(callers * callsPerCaller * 100, started);
}

async function singleAppends(store: PostgresEventStore, count: number) {
  const latencies: number[] = [];
  const prefix = `single-${randomUUID().slice(0, 8)}`;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async (_, writer) => {
      for (let index = 0; index < count / 8; index += 1) {
        const began = performance.now();
        await store.append(`${prefix}-${writer}-${index % 50}`, someEvents(1), 'any');
        latencies.push(performance.now() - began);
      }
    }),
  );
  const eventsPerSecond = rate(latencies.length, started);
  latencies.sort((a, b) => a - b);
  return { eventsPerSecond, p50Ms: round(percentile(latencies, 0.5)), p99Ms: round(percentile(latencies, 0.99)) };
}

/** NOTIFY after commit vs inside the transaction vs auto, interleaved (order rotating) so all see the same load. */
async function notifyComparison(connectionString: string, count: number, rounds: number): Promise<void> {
  const stores = {
    'after commit': new PostgresEventStore({ connectionString, poolSize: 10, logger, notify: 'after-commit' }),
    'in transaction': new PostgresEventStore({ connectionString, poolSize: 10, logger, notify: 'in-transaction' }),
    auto: new PostgresEventStore({ connectionString, poolSize: 10, logger, notify: 'auto' }),
  };
  type Mode = keyof typeof stores;
  const figures: Record<string, number[]> = {};
  const record = (key: string, value: number): void => void (figures[key] ??= []).push(value);
  const runCount = Math.max(800, Math.round(count / 5 / 800) * 800);
  for (let round = 0; round < rounds; round += 1) {
    const modes: Mode[] = ['after commit', 'in transaction', 'auto'];
    const order = [...modes.slice(round % 3), ...modes.slice(0, round % 3)];
    if (round % 2 === 1) order.reverse();
    for (const mode of order) {
      const single = await singleAppends(stores[mode], runCount);
      record(`single ${mode}: events/s`, single.eventsPerSecond);
      record(`single ${mode}: p99 ms`, single.p99Ms);
      record(`batched ${mode}: events/s`, await batchedAppends(stores[mode], runCount, 'new'));
    }
  }
  await Promise.all(Object.values(stores).map((each) => each.close()));
  console.log(`NOTIFY after commit vs inside the transaction vs auto: ${rounds} interleaved rounds of ${runCount} events each (median, then every round)`);
  console.table(Object.fromEntries(Object.entries(figures).map(([key, values]) => [key, { median: median(values), rounds: values.join(' ') }])));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** COPY of rows equal to what append stores (same table shape, indexes, hashes): the ceiling. */
async function copyWorkload(pool: pg.Pool, count: number, table = 'events_copy'): Promise<number> {
  await pool.query(`CREATE TABLE event_store.${table} (LIKE event_store.events INCLUDING ALL)`);
  const lines: string[] = [];
  for (let streamIndex = 0; streamIndex < count / 100; streamIndex += 1) {
    const stream = `copy-${streamIndex}`;
    let previousHash = GENESIS_HASH;
    for (const [revision, event] of someEvents(100).entries()) {
      const hash = eventHash({ stream, revision, ...event, previousHash });
      const fields = [event.metadata.eventId, stream, String(revision), event.type, canonicalJson(event.data), canonicalJson(event.metadata), hash, previousHash];
      lines.push(`${fields.map(copyText).join('\t')}\n`);
      previousHash = hash;
    }
  }
  const client = await pool.connect();
  try {
    const started = performance.now();
    const copy = client.query(pgCopy.from(
      `COPY event_store.${table} (event_id, stream_name, revision, type, data, metadata, hash, previous_hash) FROM STDIN`,
    ));
    await pipeline(Readable.from(chunks(lines, 1_000)), copy);
    return rate(count, started);
  } finally {
    client.release();
  }
}

/**
 * The table's first rows are each measured once, COPY first, in a process still warming
 * up: a single ratio swings by +-15 points. Here COPY (into a fresh table each round) and
 * one caller's 100-event appends take turns, the order alternating, and the medians are
 * compared.
 */
async function interleavedRatio(store: PostgresEventStore, count: number, rounds: number, oneCall?: PostgresEventStore): Promise<void> {
  const copies: number[] = [];
  const paths = [store, ...(oneCall ? [oneCall] : [])].map((writer) => ({ writer, rates: [] as number[], msPerCall: [] as number[], cpuMsPerCall: [] as number[] }));
  for (let round = 0; round < rounds; round += 1) {
    const copy = () => copyWorkload(store.pool, count, `events_copy_round_${round}`).then((value) => void copies.push(value));
    const appends = paths.map((path) => () =>
      timedBatchedAppends(path.writer, count, 'new').then((figures) => {
        path.rates.push(figures.eventsPerSecond);
        path.msPerCall.push(figures.msPerCall);
        path.cpuMsPerCall.push(figures.clientCpuMsPerCall);
      }));
    const order = [copy, ...appends];
    if (round % 2 === 1) order.reverse();
    for (const run of order) await run();
  }
  const [chosen, unchunked] = paths;
  console.log(`COPY vs one caller's 100-event appends, ${rounds} interleaved rounds of ${count}: COPY ${copies.join(' ')} (median ${median(copies)}); append ${chosen!.rates.join(' ')} (median ${median(chosen!.rates)}); ratio of medians ${((median(chosen!.rates) / median(copies)) * 100).toFixed(0)}% (target >= 50%)`);
  console.log(`  per 100-event call: ${median(chosen!.msPerCall)} ms (COPY: ${round(100_000 / median(copies))} ms per 100 rows), of which this process's CPU ${median(chosen!.cpuMsPerCall)} ms (medians; rounds ${chosen!.cpuMsPerCall.join(' ')})`);
  if (unchunked) {
    console.log(`  the same appends sent as one call each (chunking off), in the same rounds: ${unchunked.rates.join(' ')} (median ${median(unchunked.rates)}); ratio ${((median(unchunked.rates) / median(copies)) * 100).toFixed(0)}%; per call ${median(unchunked.msPerCall)} ms, this process's CPU ${median(unchunked.cpuMsPerCall)} ms`);
  }
}

/** '50': chunks of 50; '20/40': a first chunk of 20, then chunks of 40; '0': one call. */
function chunkingOption(spec: string): { minEvents: number; firstChunkSize: number; chunkSize: number } | false {
  const [first, rest] = spec.includes('/') ? spec.split('/').map(Number) : [Number(spec), Number(spec)];
  return first! > 0 && rest! > 0 ? { minEvents: 64, firstChunkSize: first!, chunkSize: rest! } : false;
}

/**
 * One caller's 100-event appends sent as one call against sent as chunks of each size.
 * The variants take turns call by call (order rotating), so all see the same moments of
 * other load; each has its own store with one connection, whose backend's CPU is read from
 * /proc/<pid>/stat. Chunking can only pay off while a core idles: under load it cannot.
 */
async function chunkingComparison(connectionString: string, rounds: number, sizes: string[], callsPerRound = 200): Promise<void> {
  const variants = [['one call', '0'] as const, ...sizes.map((size) => [`chunks of ${size}`, size] as const)];
  const stores = variants.map(([, size]) => new PostgresEventStore({ connectionString, poolSize: 1, logger, chunking: chunkingOption(size) }));
  const figures = variants.map(() => ({ wallMs: [] as number[], quietWallMs: [] as number[], clientCpuMs: 0, fasterThanOneCall: 0 }));
  for (const store of stores) await timedBatchedAppends(store, 2_000, 'new');
  const backends = await Promise.all(stores.map(async (store) => (await store.pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid));
  const backendBefore = await Promise.all(backends.map(backendCpuMs));
  const prefix = `chunking-${randomUUID().slice(0, 8)}`;
  const calls = rounds * callsPerRound;
  // Windows of 10 turns in which the machine had about a core idle (the two processes of
  // one caller keep one busy) are "quiet": the only moments when chunking can pay off.
  let windowStart = await machineCpu();
  let quietWindows = 0;
  for (let call = 0; call < calls; call += 1) {
    const walls: number[] = [];
    for (let turn = 0; turn < variants.length; turn += 1) {
      const index = (call + turn) % variants.length;
      const events = someEvents(100);
      const cpuBefore = process.cpuUsage();
      const began = performance.now();
      await stores[index]!.append(`${prefix}-${index}-${call}`, events, 'no_stream');
      walls[index] = performance.now() - began;
      const cpu = process.cpuUsage(cpuBefore);
      figures[index]!.wallMs.push(walls[index]);
      figures[index]!.clientCpuMs += (cpu.user + cpu.system) / 1000;
    }
    for (const [index, wall] of walls.entries()) if (wall < walls[0]!) figures[index]!.fasterThanOneCall += 1;
    if (call % 10 === 9) {
      const windowEnd = await machineCpu();
      if ((windowEnd.idle - windowStart.idle) / (windowEnd.total - windowStart.total) >= 0.3) {
        quietWindows += 1;
        for (const figure of figures) figure.quietWallMs.push(...figure.wallMs.slice(-10));
      }
      windowStart = windowEnd;
    }
  }
  const backendAfter = await Promise.all(backends.map(backendCpuMs));
  // A pool replaces a connection idle for 10 s: then the backend measured is not the one used.
  const samePids = await Promise.all(stores.map(async (store, index) => (await store.pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid === backends[index]));
  await Promise.all(stores.map((store) => store.close()));
  const baseline = median(figures[0]!.wallMs);
  const [load1] = loadavg();
  const quietBaseline = median(figures[0]!.quietWallMs);
  console.log(`one caller's 100-event appends, one call vs chunks in one transaction: ${calls} calls each, taking turns call by call (load ${load1?.toFixed(1)} at the end; ${quietWindows} of ${Math.floor(calls / 10)} windows of 10 turns quiet, i.e. >= 30% of the machine idle)`);
  console.table(Object.fromEntries(variants.map(([name], index) => {
    const figure = figures[index]!;
    const backend = samePids[index] ? round((backendAfter[index]! - backendBefore[index]!) / calls) : Number.NaN;
    return [name, {
      medianMsPerCall: round(median(figure.wallMs)),
      meanMsPerCall: round(figure.wallMs.reduce((sum, wall) => sum + wall, 0) / calls),
      vsOneCall: `x${(baseline / median(figure.wallMs)).toFixed(2)}`,
      fasterThanOneCall: index === 0 ? '' : `${Math.round((figure.fasterThanOneCall / calls) * 100)}%`,
      clientCpuMs: round(figure.clientCpuMs / calls),
      backendCpuMs: backend,
      quietMedianMs: quietWindows > 0 ? round(median(figure.quietWallMs)) : 'none',
      quietVsOneCall: quietWindows > 0 ? `x${(quietBaseline / median(figure.quietWallMs)).toFixed(2)}` : '',
    }];
  })));
}

/** The machine's CPU time so far, all cores, and how much of it was idle (clock ticks). */
async function machineCpu(): Promise<{ idle: number; total: number }> {
  const ticks = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!.split(/\s+/).slice(1, 9).map(Number);
  return { idle: ticks[3]! + ticks[4]!, total: ticks.reduce((sum, tick) => sum + tick, 0) };
}

/** A backend's CPU so far (user + system) from /proc, in ms; clock ticks of 10 ms. */
async function backendCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function* chunks(lines: string[], size: number): Generator<string> {
  for (let index = 0; index < lines.length; index += size) yield lines.slice(index, index + size).join('');
}

function copyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (character) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[character]!);
}

function someEvents(count: number): EventEnvelope[] {
  return Array.from({ length: count }, () => ({
    type: 'InfractionDetected',
    data: {
      infractionId: randomUUID(),
      type: 'SPEED_VIOLATION',
      plate: { text: 'ABC-123', confidence: 0.93 },
      speedKmh: 87.4,
      limitKmh: 60,
      deviceId: 'cam-7',
      evidence: { snapshotSha256: randomBytes(32).toString('hex'), clip: 'evidence/cam-7/clip.mp4' },
    },
    metadata: {
      eventId: randomUUID(),
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { kind: 'device', deviceId: 'cam-7' },
      occurredAt: '2026-03-01T12:00:00.000Z',
      schemaVersion: 1,
    },
  }));
}

function rate(events: number, startedAt: number): number {
  return Math.round(events / ((performance.now() - startedAt) / 1000));
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
