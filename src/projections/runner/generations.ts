// Blue/green generations of a projection. Each generation has its own schema; the views
// in `read_models` point at the live one. A rebuild fills a new generation beside the
// live one and switches the views and the live pointer in one transaction.
import type { Pool, PoolClient } from 'pg';
import { announceReadModelChange, notifyReadModelChange } from '../read-model-changes.js';
import { CONTROL_SCHEMA, VIEW_SCHEMA } from './control-schema.js';
import type { Projection, ProjectionState } from './projection.js';

export interface Generation {
  name: string;
  generation: number;
  version: number;
}

export interface LiveGenerations {
  live: Generation | null;
  building: Generation | null;
}

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

export function schemaOf(name: string, generation: number): string {
  return `rm_${name.replace(/-/g, '_')}_g${generation}`;
}

export function tableNamer(name: string, generation: number): (table: string) => string {
  const schema = quote(schemaOf(name, generation));
  return (table) => `${schema}.${quote(table)}`;
}

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function lockProjection(client: PoolClient, name: string): Promise<void> {
  await client.query(`INSERT INTO ${CONTROL_SCHEMA}.projection_versions (name) VALUES ($1) ON CONFLICT DO NOTHING`, [name]);
  await client.query(`SELECT 1 FROM ${CONTROL_SCHEMA}.projection_versions WHERE name = $1 FOR UPDATE`, [name]);
}

export async function readGenerations(pool: Pool | PoolClient, name: string): Promise<LiveGenerations> {
  const { rows } = await pool.query<{
    live_generation: number | null;
    live_version: number | null;
    building_generation: number | null;
    building_version: number | null;
  }>(`SELECT * FROM ${CONTROL_SCHEMA}.projection_versions WHERE name = $1`, [name]);
  const row = rows[0];
  const generation = (g: number | null | undefined, v: number | null | undefined): Generation | null =>
    g == null || v == null ? null : { name, generation: g, version: v };
  return { live: generation(row?.live_generation, row?.live_version), building: generation(row?.building_generation, row?.building_version) };
}

/** Creates the schema, tables, checkpoint (at the start) and status of a new generation. */
async function createGeneration(client: PoolClient, projection: Projection, state: ProjectionState): Promise<Generation> {
  const { rows } = await client.query<{ generation: number }>(
    `UPDATE ${CONTROL_SCHEMA}.projection_versions SET next_generation = next_generation + 1
      WHERE name = $1 RETURNING next_generation - 1 AS generation`,
    [projection.name],
  );
  const generation = rows[0]!.generation;
  const { name, version } = projection;
  await client.query(`DROP SCHEMA IF EXISTS ${quote(schemaOf(name, generation))} CASCADE`);
  await client.query(`CREATE SCHEMA ${quote(schemaOf(name, generation))}`);
  await client.query(projection.createTables(tableNamer(name, generation)));
  if (state !== 'REBUILDING') await client.query(projection.createIndexes(tableNamer(name, generation)));
  await client.query(`INSERT INTO ${CONTROL_SCHEMA}.projection_checkpoints (name, generation, version) VALUES ($1, $2, $3)`, [name, generation, version]);
  await client.query(`INSERT INTO ${CONTROL_SCHEMA}.projection_status (name, generation, version, state) VALUES ($1, $2, $3, $4)`, [
    name,
    generation,
    version,
    state,
  ]);
  return { name, generation, version };
}

async function pointViewsAt(client: PoolClient, projection: Projection, generation: number): Promise<void> {
  const table = tableNamer(projection.name, generation);
  for (const view of projection.publicTables) {
    // Drop and create rather than replace: a new version may change the columns.
    await client.query(`DROP VIEW IF EXISTS ${VIEW_SCHEMA}.${quote(view)}`);
    await client.query(`CREATE VIEW ${VIEW_SCHEMA}.${quote(view)} AS SELECT * FROM ${table(view)}`);
  }
}

/** The live generation, created empty (and made live at once) when the projection is new. */
export async function ensureLiveGeneration(pool: Pool, projection: Projection): Promise<Generation> {
  return inTransaction(pool, async (client) => {
    await lockProjection(client, projection.name);
    const { live } = await readGenerations(client, projection.name);
    if (live) return live;
    const created = await createGeneration(client, projection, 'CATCHING_UP');
    await pointViewsAt(client, projection, created.generation);
    await client.query(
      `UPDATE ${CONTROL_SCHEMA}.projection_versions SET live_generation = $2, live_version = $3 WHERE name = $1`,
      [projection.name, created.generation, created.version],
    );
    return created;
  });
}

/** A new generation beside the live one; an unfinished earlier rebuild is discarded. */
export async function beginRebuild(pool: Pool, projection: Projection): Promise<Generation> {
  const abandoned = await inTransaction(pool, async (client) => {
    await lockProjection(client, projection.name);
    return (await readGenerations(client, projection.name)).building;
  });
  if (abandoned) await dropGeneration(pool, abandoned);
  return inTransaction(pool, async (client) => {
    await lockProjection(client, projection.name);
    const created = await createGeneration(client, projection, 'REBUILDING');
    await client.query(
      `UPDATE ${CONTROL_SCHEMA}.projection_versions SET building_generation = $2, building_version = $3 WHERE name = $1`,
      [projection.name, created.generation, created.version],
    );
    return created;
  });
}

/**
 * The indexes a rebuilt generation was built without, each on its own connection: a
 * build is one sort on one core, and nothing else runs while a rebuild waits for them.
 */
export async function createIndexes(pool: Pool, projection: Projection, generation: Generation): Promise<void> {
  const ddl = projection.createIndexes(tableNamer(generation.name, generation.generation));
  const statements = ddl.split(/;\s*$/m).map((statement) => statement.trim()).filter((statement) => statement.length > 0);
  await Promise.all(statements.map((statement) => pool.query(statement)));
}

/** Makes `next` live in one transaction (views and pointer); returns the generation it replaced. */
export async function switchLive(pool: Pool, projection: Projection, next: Generation): Promise<Generation | null> {
  const replaced = await inTransaction(pool, async (client) => {
    await lockProjection(client, projection.name);
    const { live } = await readGenerations(client, projection.name);
    await pointViewsAt(client, projection, next.generation);
    await client.query(
      `UPDATE ${CONTROL_SCHEMA}.projection_versions
          SET live_generation = $2, live_version = $3, building_generation = NULL, building_version = NULL
        WHERE name = $1`,
      [projection.name, next.generation, next.version],
    );
    await notifyReadModelChange(client, projection.name);
    return live;
  });
  announceReadModelChange(projection.name);
  return replaced;
}

/**
 * Drops a generation's tables and control rows. Deleting the checkpoint row is what tells a
 * runner still working on it (in this or another process) that it has been retired.
 */
export async function dropGeneration(pool: Pool, generation: Generation): Promise<void> {
  await inTransaction(pool, async (client) => {
    const key = [generation.name, generation.generation];
    await client.query(`DELETE FROM ${CONTROL_SCHEMA}.projection_checkpoints WHERE name = $1 AND generation = $2`, key);
    await client.query(`DELETE FROM ${CONTROL_SCHEMA}.projection_status WHERE name = $1 AND generation = $2`, key);
    await client.query(`DELETE FROM ${CONTROL_SCHEMA}.projection_skips WHERE name = $1 AND generation = $2`, key);
    await client.query(`DROP SCHEMA IF EXISTS ${quote(schemaOf(generation.name, generation.generation))} CASCADE`);
  });
}
