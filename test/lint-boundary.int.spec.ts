// The boundary rule of `npm run lint` (dependency-cruiser, .dependency-cruiser.cjs) keeps
// src/domain pure: proven on a throw-away copy of the project's lint setup with deliberate
// violations, and on the real tree.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const depcruise = join(root, 'node_modules', '.bin', 'depcruise');
const RULE = 'domain-imports-only-domain';

interface Run {
  code: number;
  output: string;
}

function runBoundaryCheck(cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(depcruise, ['src', '--config', '.dependency-cruiser.cjs'], { cwd }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** A project copy holding the real lint configuration and the given source files. */
async function projectWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roadledger-boundary-'));
  for (const name of ['.dependency-cruiser.cjs', 'tsconfig.json', 'package.json']) {
    await copyFile(join(root, name), join(dir, name));
  }
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

describe('the domain boundary rule of npm run lint', () => {
  const copies: string[] = [];
  const copy = async (files: Record<string, string>) => {
    const dir = await projectWith(files);
    copies.push(dir);
    return dir;
  };
  afterEach(async () => {
    await Promise.all(copies.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('fails when src/domain imports pg, naming the rule and the file', async () => {
    const dir = await copy({ 'src/domain/probe.ts': "import pg from 'pg';\nexport const probe = pg.Pool;\n" });
    const run = await runBoundaryCheck(dir);
    expect(run.code).not.toBe(0);
    expect(run.output).toContain(RULE);
    expect(run.output).toContain('src/domain/probe.ts');
  });

  it('fails when src/domain imports code outside the domain', async () => {
    const dir = await copy({
      'src/app/clock.ts': 'export const now = () => new Date();\n',
      'src/domain/probe.ts': "import { now } from '../app/clock.js';\nexport const probe = now;\n",
    });
    const run = await runBoundaryCheck(dir);
    expect(run.code).not.toBe(0);
    expect(run.output).toContain(RULE);
  });

  it('passes when src/domain imports only src/domain', async () => {
    const dir = await copy({
      'src/domain/plate.ts': 'export const plateFormat = /^[A-Z]{3}-\\d{3}$/;\n',
      'src/domain/probe.ts': "import { plateFormat } from './plate.js';\nexport const probe = plateFormat;\n",
    });
    const run = await runBoundaryCheck(dir);
    expect(run.output).not.toContain(RULE);
    expect(run.code).toBe(0);
  });

  it('passes on the real tree', async () => {
    const run = await runBoundaryCheck(root);
    expect(run.output).not.toContain(RULE);
    expect(run.code).toBe(0);
  });
});
