// One run of bench:pipeline: a fresh database with the PostgreSQL event store, the real
// event writer (command side behind it), the infractions projection runner; traffic
// produced at a fixed rate for a fixed time; produce -> visible in the infractions read
// model timed per infraction. Visibility is pushed, not polled: a trigger on the
// projection's table (in this scratch database only) NOTIFYs each new row's id, and
// PostgreSQL delivers a NOTIFY when the projection's transaction commits.
import pg from 'pg';
import { Registry } from 'prom-client';
import type { Logger } from '../src/app/logger.js';
import { startCommandSideWriter } from '../src/app/writer/command-side-writer.js';
import { send } from '../src/commands/command-messages.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';
import { infractionsProjection } from '../src/projections/infractions/projection.js';
import { readGenerations, tableNamer } from '../src/projections/runner/generations.js';
import { ProjectionRunner, type RunnerOptions } from '../src/projections/runner/runner.js';
import type { OutgoingMessage, Transport } from '../src/transport/port.js';
import { trafficMessage } from '../src/transport/testing/traffic-mix.js';
import type { WriterTopics } from '../src/transport/writer/event-writer.js';
import { createBenchDatabase } from './bench-database.js';

export interface RunSettings {
  rate: number;
  seconds: number;
  devices: number;
  /** Makes a fresh transport whose dead letters go to the given topic. */
  transport: (deadLetterTopic: string) => Promise<Transport>;
  drainTimeoutMs: number;
  runner: Partial<RunnerOptions>;
  /** The writer merges a device's observations into one append (the default) or appends each alone. */
  mergeObservations: boolean;
  logger: Logger;
}

export interface RunResult {
  rate: number;
  seconds: number;
  sent: number;
  /** Messages the writer applied (appended through the command side). */
  applied: number;
  /** Largest sent - applied seen during the production phase, and at its end. */
  maxBacklog: number;
  backlogAtEnd: number;
  /** Time after the last produce until every message was applied and every infraction visible. */
  drainMs: number;
  infractionsSent: number;
  /** Produce -> visible in the read model, one per infraction that became visible. */
  latencies: number[];
  /** Produce -> appended by the writer, per infraction: the part of the latency before the projection. */
  appendLatencies: number[];
  /** CPU time of this process (producer, writer, projection) per message sent. */
  cpuMsPerMessage: number;
  /** Transactions committed in the run's database per message sent (appends, projection batches, reads). */
  transactionsPerMessage: number;
  /**
   * Longest-open write transaction of other databases on the same server, sampled during the
   * run: the store's readers wait for every older transaction of the cluster, so on a shared
   * server this delays the projection (and the read-model latency) whatever the writer does.
   */
  oldestForeignTransactionMs: number;
}

const CHANNEL = 'bench_infraction_visible';

/** Samples the age of the oldest write transaction open in other databases until stopped; returns the largest. */
function watchForeignTransactions(admin: pg.Client, database: string): () => Promise<number> {
  let oldest = 0;
  let running = true;
  const sampling = (async () => {
    while (running) {
      const { rows } = await admin.query<{ ms: number | null }>(
        `SELECT extract(epoch FROM max(now() - xact_start)) * 1000 AS ms FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND datname <> $1`,
        [database],
      );
      oldest = Math.max(oldest, Number(rows[0]?.ms ?? 0));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  return async () => {
    running = false;
    await sampling;
    return oldest;
  };
}

async function committedTransactions(admin: pg.Client, database: string): Promise<number> {
  const { rows } = await admin.query<{ commits: string }>('SELECT xact_commit AS commits FROM pg_stat_database WHERE datname = $1', [database]);
  return Number(rows[0]?.commits ?? 0);
}

export async function runPipeline(settings: RunSettings, runIndex: number): Promise<RunResult> {
  const suffix = `${Date.now()}-${runIndex}`;
  const database = await createBenchDatabase('bench_pipeline');
  const store = new PostgresEventStore({ connectionString: database.url, poolSize: 10, logger: settings.logger });
  const readPool = new pg.Pool({ connectionString: database.url, max: 4 });
  const listener = new pg.Client({ connectionString: database.url });
  // Dropping the database at the end ends whatever connection is still open: not a failure.
  readPool.on('error', (error) => settings.logger.warn({ err: error }, 'bench read pool client failed'));
  listener.on('error', (error) => settings.logger.warn({ err: error }, 'bench listener failed'));
  const deadLetterTopic = `bench-dlq-${suffix}`;
  const transport = await settings.transport(deadLetterTopic);
  const stops: Array<() => Promise<unknown>> = [() => database.drop(), () => store.close(), () => readPool.end(), () => listener.end(), () => transport.close()];
  try {
    await store.migrate();
    const projections = new ProjectionRunner(readPool, store, [infractionsProjection], settings.logger, settings.runner);
    await projections.catchUp();
    const live = (await readGenerations(readPool, infractionsProjection.name)).live;
    if (!live) throw new Error('the infractions projection has no live generation');
    await readPool.query(`
      CREATE FUNCTION bench_notify_visible() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('${CHANNEL}', NEW.infraction_id); RETURN NULL; END $$;
      CREATE TRIGGER bench_visible AFTER INSERT ON ${tableNamer(live.name, live.generation)('infractions')}
        FOR EACH ROW EXECUTE FUNCTION bench_notify_visible();`);
    await projections.start();
    stops.push(() => projections.stop());

    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const appendLatencies: number[] = [];
    await listener.connect();
    listener.on('notification', (notification) => {
      const started = notification.payload === undefined ? undefined : sentAt.get(notification.payload);
      if (started !== undefined) latencies.push(performance.now() - started);
    });
    await listener.query(`LISTEN ${CHANNEL}`);

    const topics: WriterTopics = { observations: `bench-obs-${suffix}`, infractions: `bench-inf-${suffix}`, deviceStatus: `bench-status-${suffix}` };
    await transport.ensureTopics([...Object.values(topics), deadLetterTopic].map((topic) => ({ topic, partitions: 6 })));
    let applied = 0;
    const writer = await startCommandSideWriter({
      transport, store, pool: readPool, personalDataSecret: 'bench-personal-data-secret', logger: settings.logger,
      groupId: `bench-writer-${suffix}`, topics, registry: new Registry(), mergeObservations: settings.mergeObservations,
      wrapDispatcher: (inner) => ({
        async dispatch(parsed, context) {
          await inner.dispatch(parsed, context);
          applied += 1;
          const started = parsed.kind === 'infraction' ? sentAt.get(parsed.message.messageId) : undefined;
          if (started !== undefined) appendLatencies.push(performance.now() - started);
        },
      }),
    });
    stops.push(() => writer.stop());
    const admin = { kind: 'user', userId: 'bench-admin', role: 'admin' } as const;
    await send(writer.bus, {
      type: 'RegisterZone',
      data: { zoneId: 'zone-1', name: 'Bench avenue', speedLimitKmh: 50, jurisdiction: 'PE' },
      metadata: { commandId: 'bench-zone-1', correlationId: 'bench-zone-1', actor: admin, now: new Date().toISOString() },
    });
    const { rate, seconds } = settings;
    const startsAt = Date.UTC(2026, 2, 1, 8) + runIndex * 86_400_000;
    // Timing starts once the writer consumes (a Kafka group join takes seconds, more under load).
    const warmUp = trafficMessage(1, { devices: 1, startsAt: startsAt - 3_600_000 });
    await transport.publishBatch(topics.observations, [{ key: warmUp.key, value: warmUp.message }]);
    const joinDeadline = performance.now() + 120_000;
    while (applied < 1) {
      if (performance.now() > joinDeadline) throw new Error('the writer consumed nothing within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    applied = 0;

    let sent = 0, infractionsSent = 0, maxBacklog = 0;
    const cpu = process.cpuUsage();
    const transactionsBefore = await committedTransactions(database.admin, database.name);
    const stopWatching = watchForeignTransactions(database.admin, database.name);
    const started = performance.now();
    while (performance.now() - started < seconds * 1_000) {
      const due = Math.floor(((performance.now() - started) / 1_000) * rate) - sent;
      const observations: OutgoingMessage[] = [];
      const infractions: OutgoingMessage[] = [];
      const now = performance.now();
      for (let index = 0; index < due; index += 1) {
        const { kind, key, message } = trafficMessage(sent + index, { devices: settings.devices, startsAt });
        if (kind === 'infraction') {
          sentAt.set(message.messageId, now);
          infractions.push({ key, value: message });
        } else observations.push({ key, value: message });
      }
      await Promise.all([transport.publishBatch(topics.observations, observations), transport.publishBatch(topics.infractions, infractions)]);
      sent += due;
      infractionsSent += infractions.length;
      maxBacklog = Math.max(maxBacklog, sent - applied);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const backlogAtEnd = sent - applied;
    const drainStart = performance.now();
    while ((applied < sent || latencies.length < infractionsSent) && performance.now() - drainStart < settings.drainTimeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const drainMs = performance.now() - drainStart;
    const oldestForeignTransactionMs = await stopWatching();
    const used = process.cpuUsage(cpu);
    const cpuMsPerMessage = (used.user + used.system) / 1_000 / Math.max(1, sent);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // backends report their counts about once a second
    const transactionsPerMessage = ((await committedTransactions(database.admin, database.name)) - transactionsBefore) / Math.max(1, sent);
    return { rate, seconds, sent, applied, maxBacklog, backlogAtEnd, drainMs, infractionsSent, latencies, appendLatencies, cpuMsPerMessage, transactionsPerMessage, oldestForeignTransactionMs };
  } finally {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => settings.logger.warn({ err: error }, 'bench clean-up step failed'));
  }
}
