// bench:pipeline — produce observations and infractions (one in five) at a fixed rate for a
// fixed time through the transport to the real event writer, the command side, the
// PostgreSQL event store and the infractions projection, and time produce -> visible in
// the infractions read model: p50/p99/max at --rate. Then step the rate up to find the
// highest one the writer sustains with bounded lag. For each transport asked for.
// Settings from src/app/config.ts (DATABASE_URL, KAFKA_BROKERS; default: the services').
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { Command } from 'commander';
import { Registry } from 'prom-client';
import { loadConfig } from '../src/app/config.js';
import { createLogger } from '../src/app/logger.js';
import { runnerOptionsFrom } from '../src/projections/runner/options-from-config.js';
import { InProcessTransport } from '../src/transport/in-process/in-process-transport.js';
import { KafkaTransport } from '../src/transport/kafka/kafka-transport.js';
import type { Transport } from '../src/transport/port.js';
import { runPipeline, type RunResult, type RunSettings } from './pipeline-run.js';

const options = new Command()
  .option('--transport <kinds>', 'in-process, kafka, or both (comma-separated)', 'in-process,kafka')
  .option('--rate <n>', 'messages per second for the latency run', Number, 1000)
  .option('--seconds <n>', 'length of each run', Number, 10)
  .option('--max-rates <list>', 'rates tried after the latency run, in order, for the sustained-rate search', '2000,5000,10000,20000')
  .option('--devices <n>', 'distinct devices (keys)', Number, 50)
  .option('--kafka-concurrency <n>', 'partitions a Kafka member consumes at once (the transport default when absent)', Number)
  .option('--no-merge', 'append each observation alone (for comparison with the default merged appends)')
  .parse()
  .opts<{ transport: string; rate: number; seconds: number; maxRates: string; devices: number; merge: boolean; kafkaConcurrency?: number }>();

const logger = createLogger('warn', 'bench-pipeline');
const config = loadConfig();

function transportFactory(kind: string): (deadLetterTopic: string) => Promise<Transport> {
  if (kind === 'kafka') {
    return (deadLetterTopic) =>
      KafkaTransport.connect({
        brokers: config.KAFKA_BROKERS, clientId: 'roadledger-bench', logger, registry: new Registry(), deadLetterTopic,
        partitionsConsumedConcurrently: options.kafkaConcurrency,
      });
  }
  if (kind === 'in-process') return async (deadLetterTopic) => new InProcessTransport({ logger, deadLetterTopic });
  throw new Error(`--transport: unknown transport "${kind}" (in-process or kafka)`);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Bounded: at the end of production the writer is less than one second of traffic behind, and all of it drains. */
function sustained(result: RunResult): boolean {
  return result.backlogAtEnd <= result.rate && result.applied === result.sent && result.latencies.length === result.infractionsSent;
}

function describeRun(kind: string, result: RunResult): string {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const appended = [...result.appendLatencies].sort((a, b) => a - b);
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  return (
    `[${kind}] ${result.rate} msg/s x ${result.seconds} s: sent ${result.sent}, applied ${result.applied} ` +
    `(${(result.applied / result.seconds).toFixed(0)}/s over the production time), writer backlog max ${result.maxBacklog} / at end ${result.backlogAtEnd}, ` +
    `drained in ${ms(result.drainMs)}; produce -> read model (${result.latencies.length}/${result.infractionsSent} infractions): ` +
    `p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted.at(-1) ?? NaN)}; ` +
    `of which produce -> appended p50 ${ms(percentile(appended, 50))}, p99 ${ms(percentile(appended, 99))}; ` +
    `${result.cpuMsPerMessage.toFixed(2)} ms CPU of this process and ${result.transactionsPerMessage.toFixed(2)} PostgreSQL transactions per message; ` +
    `oldest write transaction open elsewhere on the server ${ms(result.oldestForeignTransactionMs)} — ${sustained(result) ? 'bounded' : 'NOT bounded'}`
  );
}

const summary: string[] = [];
let runIndex = 0;
for (const kind of options.transport.split(',').map((entry) => entry.trim())) {
  const settings: RunSettings = {
    rate: options.rate,
    seconds: options.seconds,
    devices: options.devices,
    transport: transportFactory(kind),
    drainTimeoutMs: 30_000,
    runner: runnerOptionsFrom(config),
    mergeObservations: options.merge,
    logger,
  };
  console.log(`bench:pipeline — ${kind} transport, ${options.devices} devices, 6 partitions, observations ${options.merge ? 'merged per device' : 'appended alone'}, load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
  const latencyRun = await runPipeline(settings, runIndex++);
  console.log(describeRun(kind, latencyRun));
  const sorted = [...latencyRun.latencies].sort((a, b) => a - b);
  let highest = sustained(latencyRun) ? latencyRun.rate : 0;
  if (highest > 0) {
    for (const rate of options.maxRates.split(',').map(Number)) {
      const result = await runPipeline({ ...settings, rate }, runIndex++);
      console.log(describeRun(kind, result));
      if (!sustained(result)) break;
      highest = rate;
    }
  }
  summary.push(
    `${kind}: at ${options.rate} msg/s p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, ` +
      `max ${(sorted.at(-1) ?? NaN).toFixed(0)} ms (target p99 < 500 ms: ${percentile(sorted, 99) < 500 ? 'met' : 'NOT met'}); ` +
      `highest rate sustained with bounded lag: ${highest > 0 ? `${highest} msg/s` : `below ${options.rate} msg/s`} (target >= 5000: ${highest >= 5000 ? 'met' : 'NOT met'})`,
  );
}
console.log(`\nsummary (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores):\n${summary.join('\n')}`);
