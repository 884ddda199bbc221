// Vitest global setup of the int and e2e projects: installs (once) and starts the real
// services the tests talk to, and stops afterwards only what it had to start. Leases (see
// scripts/services/lease.sh) keep overlapping test runs from stopping services another run
// still uses.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const SERVICES = ['postgres', 'redis', 'kafka', 'minio', 'ffmpeg', 'mailpit'];
const leaseScript = fileURLToPath(new URL('../scripts/services/lease.sh', import.meta.url));

function lease(args: string[]): void {
  execFileSync('bash', [leaseScript, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
}

export default function setup(project: TestProject): () => void {
  const holder = `${process.pid}-${project.name}`;
  lease(['acquire', holder, String(process.pid), ...SERVICES]);
  return () => {
    if (process.env.ROADLEDGER_KEEP_SERVICES === '1') return;
    lease(['release', holder]);
  };
}
