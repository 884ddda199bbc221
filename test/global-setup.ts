// Vitest global setup of the int and e2e projects: installs (once) and starts the real
// services the tests talk to, and stops afterwards only what it had to start. Leases (see
// scripts/services/lease.sh) keep overlapping test runs from stopping services another run
// still uses.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVICES = ['postgres', 'redis', 'kafka', 'minio', 'ffmpeg', 'mailpit', 'rtsp'];
const leaseScript = fileURLToPath(new URL('../scripts/services/lease.sh', import.meta.url));
const holder = `vitest-${process.pid}`;

// Both projects run this file in the same process (Vitest loads it once per project): the
// first setup takes the lease and the last teardown returns it, so `npm test` starts and
// stops the services once.
const users = globalThis as typeof globalThis & { roadledgerServiceUsers?: number };

function lease(args: string[]): void {
  execFileSync('bash', [leaseScript, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
}

export default function setup(): () => void {
  users.roadledgerServiceUsers = (users.roadledgerServiceUsers ?? 0) + 1;
  if (users.roadledgerServiceUsers === 1) lease(['acquire', holder, String(process.pid), ...SERVICES]);
  return () => {
    users.roadledgerServiceUsers = (users.roadledgerServiceUsers ?? 1) - 1;
    if (users.roadledgerServiceUsers > 0 || process.env.ROADLEDGER_KEEP_SERVICES === '1') return;
    lease(['release', holder]);
  };
}
