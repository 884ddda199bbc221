// The figures of a load run that both bench:graphql workloads print: autocannon's result from
// a worker process of its own, or latencies timed here, as requests, req/s, p50/p99, failures.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface Latencies {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** non-2xx / errors */
  failures: string;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;

/** Latencies (ms) timed in this process over `seconds`, in any order. */
export function timedFigures(latencies: number[], seconds: number): Latencies {
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, rps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures: '0/0' };
}

/** Runs `script` (an autocannon worker that prints its result as JSON) in a second process. */
export async function workerFigures(script: string, args: readonly string[]): Promise<Latencies> {
  const { stdout } = await promisify(execFile)(process.execPath, [script, ...args], { maxBuffer: 64 * 1024 * 1024 });
  const result = JSON.parse(stdout) as { requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number };
  return { requests: result.requests.total, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failures: `${result.non2xx}/${result.errors}` };
}
