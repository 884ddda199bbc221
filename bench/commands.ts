// npm run bench:commands — commands per second through the Nest CommandBus against real
// PostgreSQL (load -> fold -> decide -> append per command), 8 concurrent callers:
//   1. RecordInfractionDetected on new streams, 2. ValidateInfraction on different
//   infractions, 3. RecordObservation into growing day streams (one per caller: each
//   command folds its whole stream), 4. ConfirmPlate on one hot infraction (conflicts).
// Settings from src/app/config.ts (DATABASE_URL; default: the services' PostgreSQL on 15432).
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { Command } from 'commander';
import { createBenchDatabase } from './bench-database.js';
import { createLogger } from '../src/app/logger.js';
import { WriteSideModule } from '../src/app/write-side.module.js';
import { send, type BusCommand } from '../src/commands/command-messages.js';
import { DEFAULT_WRITE_SIDE_POLICIES } from '../src/commands/runner/command-runner.js';
import type { Actor } from '../src/domain/shared/actor.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';

const options = new Command()
  .option('--count <n>', 'commands per workload on different streams', Number, 4000)
  .option('--callers <n>', 'concurrent callers', Number, 8)
  .option('--hot <n>', 'commands on the hot infraction', Number, 500)
  .parse()
  .opts<{ count: number; callers: number; hot: number }>();

const logger = createLogger('silent', 'bench-commands');
const database = await createBenchDatabase('bench_commands');

const camera: Actor = { kind: 'device', deviceId: 'cam-1' };
const operators: Actor[] = Array.from({ length: options.callers }, (_, i) => ({ kind: 'user', userId: `op-${i}`, role: 'operator' }));
const NOW = '2026-03-02T09:00:00.000Z';
let sequence = 0;

function command(type: BusCommand['type'], data: unknown, actor: Actor): BusCommand {
  const commandId = `bench-${++sequence}`;
  return { type, data, metadata: { commandId, correlationId: commandId, actor, now: NOW } } as BusCommand;
}

function detection(infractionId: string): BusCommand {
  return command(
    'RecordInfractionDetected',
    {
      infractionId, infractionType: 'RED_LIGHT', deviceId: 'cam-1', zoneId: 'zone-1', occurredAt: '2026-03-01T08:00:00.000Z',
      plate: { text: 'ABC-123', confidence: 0.95, reader: 'bench', format: 'PERU' }, speed: null,
      evidence: [{ kind: 'SNAPSHOT', uri: `evidence/${infractionId}.jpg`, sha256: 'ab'.repeat(32) }], trackId: 't-1',
    },
    camera,
  );
}

interface Result {
  commandsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time of this Node process per command: independent of how busy the machine is. */
  nodeCpuMs: number;
  applied: number;
  conflicts: number;
  retried: number;
}

/** `callers` loops each taking the next command until `total` have been sent. */
async function workload(bus: CommandBus, total: number, next: (index: number, caller: number) => BusCommand): Promise<Result> {
  const latencies: number[] = [];
  let taken = 0, applied = 0, conflicts = 0, retried = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: options.callers }, async (_, caller) => {
      while (taken < total) {
        const sent = next(taken++, caller);
        const t0 = performance.now();
        try {
          const outcome = await send(bus, sent);
          applied += 1;
          if (outcome.attempts > 1) retried += 1;
        } catch (error) {
          if ((error as { code?: string }).code !== 'CONFLICT') throw error;
          conflicts += 1;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const nodeCpuMs = Number(((used.user + used.system) / 1000 / total).toFixed(2));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Number(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(2));
  return { commandsPerSecond: Math.round(total / seconds), p50Ms: at(0.5), p99Ms: at(0.99), nodeCpuMs, applied, conflicts, retried };
}

const store = new PostgresEventStore({ connectionString: database.url, poolSize: 10, logger });
try {
  await store.migrate();
  const app = await NestFactory.createApplicationContext(
    WriteSideModule.forRoot({ eventStore: store, personalDataPool: store.pool, personalDataSecret: 'bench-personal-data-secret', policies: DEFAULT_WRITE_SIDE_POLICIES, logger }),
    { logger: false },
  );
  const bus = app.get(CommandBus);
  // Warm up the module graph, prepared statements and the JIT.
  await workload(bus, 200, (i) => detection(`warm-${i}`));

  const settings = await store.pool.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync', 'server_version')`,
  );
  console.log(`PostgreSQL ${settings.rows.map((r) => `${r.name}=${r.setting}`).join(', ')}; ${options.callers} callers through the CommandBus`);
  const rows: Record<string, Result> = {};
  rows[`RecordInfractionDetected, new streams (${options.count})`] = await workload(bus, options.count, (i) => detection(`inf-${i}`));
  rows[`ValidateInfraction, different infractions (${options.count})`] = await workload(bus, options.count, (i, caller) =>
    command('ValidateInfraction', { infractionId: `inf-${i}` }, operators[caller]!),
  );
  rows[`RecordObservation, one day stream per caller (${options.count})`] = await workload(bus, options.count, (i, caller) =>
    command(
      'RecordObservation',
      { observationId: `obs-${i}`, deviceId: `cam-${caller}`, trackId: `t-${i}`, observedAt: NOW, plate: null, speedKmh: 48, lane: null },
      { kind: 'device', deviceId: `cam-${caller}` },
    ),
  );
  await send(bus, detection('hot'));
  rows[`ConfirmPlate, one hot infraction (${options.hot})`] = await workload(bus, options.hot, (_i, caller) =>
    command('ConfirmPlate', { infractionId: 'hot' }, operators[caller]!),
  );
  console.table(rows);
  const target = rows[`ValidateInfraction, different infractions (${options.count})`]!.commandsPerSecond;
  const load = loadavg()[0]!.toFixed(1);
  console.log(`target >= 1000 commands/s on different streams: ${target >= 1000 ? 'met' : 'NOT met'} (${target}); load average ${load} on ${cpus().length} cores`);
  await app.close();
} finally {
  await store.close();
  await database.drop();
}
