// bench:pipeline — produce observations and infractions at a fixed rate for a fixed time
// and measure produce -> dispatched by the event writer (p50/p99/max), then step the rate
// up to find the highest one the writer sustains with bounded lag.
// Until the command side is wired in, the dispatcher only records arrival: the figures
// cover transport + schema check + writer, not the append nor the read model.
import { Command } from 'commander';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { loadConfig } from '../src/app/config.js';
import { InProcessTransport } from '../src/transport/in-process/in-process-transport.js';
import { KafkaTransport } from '../src/transport/kafka/kafka-transport.js';
import type { ParsedMessage } from '../src/transport/messages/parse-message.js';
import type { OutgoingMessage, Transport } from '../src/transport/port.js';
import { anInfraction, anObservation } from '../src/transport/testing/message-builders.js';
import { EventWriter, type WriterTopics } from '../src/transport/writer/event-writer.js';

const options = new Command()
  .option('--transport <kind>', 'in-process or kafka', 'in-process')
  .option('--rate <n>', 'messages per second for the latency run', '1000')
  .option('--seconds <n>', 'length of each run', '10')
  .option('--max-rates <list>', 'rates tried for the sustained-rate search', '2000,5000,10000,20000')
  .option('--devices <n>', 'distinct devices (keys)', '50')
  .parse()
  .opts<{ transport: string; rate: string; seconds: string; maxRates: string; devices: string }>();

const logger = pino({ level: 'warn', name: 'bench-pipeline' });
const config = loadConfig();

interface RunResult {
  rate: number;
  sent: number;
  dispatched: number;
  backlogAtEnd: number;
  drainMs: number;
  latencies: number[];
}

async function run(rate: number, seconds: number, runIndex: number): Promise<RunResult> {
  const suffix = `${Date.now()}-${runIndex}`;
  const topics: WriterTopics = { observations: `bench-obs-${suffix}`, infractions: `bench-inf-${suffix}`, deviceStatus: `bench-status-${suffix}` };
  const transport: Transport =
    options.transport === 'kafka'
      ? await KafkaTransport.connect({ brokers: config.KAFKA_BROKERS, clientId: 'roadledger-bench', logger, registry: new Registry(), deadLetterTopic: `bench-dlq-${suffix}` })
      : new InProcessTransport({ logger, defaultPartitions: config.KAFKA_PARTITIONS, deadLetterTopic: `bench-dlq-${suffix}` });
  await transport.ensureTopics([...Object.values(topics), `bench-dlq-${suffix}`].map((topic) => ({ topic, partitions: config.KAFKA_PARTITIONS })));

  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const dispatcher = {
    async dispatch(parsed: ParsedMessage): Promise<void> {
      const start = sentAt.get(parsed.message.messageId);
      if (start !== undefined) latencies.push(performance.now() - start);
    },
  };
  const writer = new EventWriter({ transport, dispatcher, logger, groupId: `bench-writer-${suffix}`, topics, registry: new Registry() });
  await writer.start();
  await new Promise((resolve) => setTimeout(resolve, options.transport === 'kafka' ? 5_000 : 100)); // let the group settle

  const devices = Number(options.devices);
  const tickMs = 10;
  const started = performance.now();
  let sent = 0;
  while (performance.now() - started < seconds * 1_000) {
    const due = Math.floor(((performance.now() - started) / 1_000) * rate) - sent;
    const observations: OutgoingMessage[] = [];
    const infractions: OutgoingMessage[] = [];
    for (let index = 0; index < due; index += 1) {
      const seq = sent + index;
      const deviceId = `cam-${seq % devices}`;
      const deviceTime = new Date(Date.UTC(2026, 0, 1) + seq).toISOString();
      const message = seq % 5 === 0 ? anInfraction({ deviceId, deviceTime, trackId: `t-${seq}` }) : anObservation({ deviceId, deviceTime, trackId: `t-${seq}` });
      sentAt.set(message.messageId, performance.now());
      (seq % 5 === 0 ? infractions : observations).push({ key: deviceId, value: message });
    }
    await Promise.all([transport.publishBatch(topics.observations, observations), transport.publishBatch(topics.infractions, infractions)]);
    sent += due;
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
  const backlogAtEnd = sent - latencies.length;
  const drainStart = performance.now();
  while (latencies.length < sent && performance.now() - drainStart < 30_000) await new Promise((resolve) => setTimeout(resolve, 20));
  const drainMs = performance.now() - drainStart;
  await writer.stop();
  await transport.close();
  return { rate, sent, dispatched: latencies.length, backlogAtEnd, drainMs, latencies };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function describe(result: RunResult, seconds: number): string {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  return (
    `rate ${result.rate}/s x ${seconds}s: sent ${result.sent}, dispatched ${result.dispatched}, ` +
    `throughput ${(result.dispatched / seconds).toFixed(0)}/s, backlog at end ${result.backlogAtEnd}, drained in ${result.drainMs.toFixed(0)} ms, ` +
    `latency p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${(sorted[sorted.length - 1] ?? NaN).toFixed(1)} ms`
  );
}

const seconds = Number(options.seconds);
console.log(`bench:pipeline — transport ${options.transport}, ${options.devices} devices, produce -> writer dispatch (no command side yet)`);
console.log(describe(await run(Number(options.rate), seconds, 0), seconds));

// Sustained = the backlog at the end of the run is under one second of traffic and drains.
let sustained = 0;
for (const [index, rate] of options.maxRates.split(',').map(Number).entries()) {
  const result = await run(rate, seconds, index + 1);
  console.log(describe(result, seconds));
  if (result.dispatched < result.sent || result.backlogAtEnd > rate) break;
  sustained = rate;
}
console.log(`highest rate sustained with bounded lag: ${sustained > 0 ? `${sustained} msg/s` : `below ${options.maxRates.split(',')[0]} msg/s`}`);
