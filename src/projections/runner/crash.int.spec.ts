// A projection process killed with SIGKILL at random moments, ten times, then restarted:
// the tables must equal those of a clean rebuild. The child is real Node running the
// runner compiled by tsc (the project's compiler) into node_modules/.cache, where it
// resolves the project's packages and ESM type.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PROJECTIONS } from '../all.js';
import { projectionWorld, tablesOf, type ProjectionWorld } from '../testing/fixture.js';
import { CONTROL_SCHEMA } from './control-schema.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const outDir = `${root}node_modules/.cache/roadledger-crash-child`;
const childScript = `${outDir}/src/projections/testing/crash-child.js`;

let world: ProjectionWorld;
beforeAll(async () => {
  execFileSync(
    `${root}node_modules/.bin/tsc`,
    ['--ignoreConfig', '--outDir', outDir, '--rootDir', root, '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2023',
      '--skipLibCheck', '--types', 'node', '--experimentalDecorators', '--noEmitOnError', 'false', `${root}src/projections/testing/crash-child.ts`],
    { stdio: 'inherit' },
  );
  world = await projectionWorld();
});
afterAll(async () => world?.close());

async function processedSoFar(): Promise<number> {
  const { rows } = await world.pool.query<{ n: string | null }>(`SELECT sum(events_processed) AS n FROM ${CONTROL_SCHEMA}.projection_checkpoints`);
  return Number(rows[0]?.n ?? 0);
}

async function runAndKill(afterMs: number): Promise<void> {
  const child = spawn(process.execPath, [childScript, world.database.url], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('started') && resolve());
    child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  child.kill('SIGKILL');
  const [, signal] = await exited;
  expect(signal).toBe('SIGKILL');
}

describe('a projection process killed with SIGKILL', () => {
  it('ten times at random moments, then restarted, leaves tables equal to a clean rebuild', async () => {
    const last = await world.appendTraffic({ events: 12_000, seed: 11 });
    const { rows } = await world.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events');
    const total = ALL_PROJECTIONS.length * Number(rows[0]!.n);
    const progress: number[] = [];
    for (let kill = 0; kill < 10; kill++) {
      await runAndKill(150 + Math.floor(Math.random() * 600));
      progress.push(await processedSoFar());
    }
    // The kills landed while work was still to do, and every restart made progress.
    expect(progress.at(-1)!).toBeLessThan(total);
    expect(progress.at(-1)!).toBeGreaterThan(progress[0]!);

    await world.runner(ALL_PROJECTIONS).catchUp(last);
    const survived = await Promise.all(ALL_PROJECTIONS.map((projection) => tablesOf(world.pool, projection)));
    for (const projection of ALL_PROJECTIONS) await world.runner(ALL_PROJECTIONS).rebuild(projection.name, { atLeast: last });
    const rebuilt = await Promise.all(ALL_PROJECTIONS.map((projection) => tablesOf(world.pool, projection)));
    expect(survived).toEqual(rebuilt);
  });
});
