// The production dashboard plots only metrics the code really exports: a renamed metric
// would otherwise leave an empty panel that nobody notices until an incident.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Dashboard {
  panels: { title: string; targets: { expr: string }[] }[];
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : Promise.resolve(entry.name.endsWith('.ts') && !entry.name.includes('.spec.') ? [join(dir, entry.name)] : []))),
  );
  return nested.flat();
}

describe('the Grafana dashboard', () => {
  it('uses only metric names the source registers', async () => {
    const dashboard = JSON.parse(await readFile('ops/grafana/roadledger-dashboard.json', 'utf8')) as Dashboard;
    const source = (await Promise.all((await sourceFiles('src')).map((file) => readFile(file, 'utf8')))).join('\n');
    const exported = new Set([...source.matchAll(/'(roadledger_[a-z_]+)'/g)].map((match) => match[1]!));
    // collectDefaultMetrics({ prefix: 'roadledger_' }) adds Node's process metrics.
    exported.add('roadledger_process_resident_memory_bytes');
    expect(exported.size).toBeGreaterThan(10);
    const used = dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => [...target.expr.matchAll(/roadledger_[a-z_]+/g)].map((match) => match[0])));
    const unknown = used.map((name) => name.replace(/_(bucket|sum|count)$/, '')).filter((name) => !exported.has(name));
    expect(unknown).toEqual([]);
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(10);
  });
});
