// What a projection is: a named, versioned unit with the event types it handles, the DDL
// of its tables and a batch handler. The runner owns transactions, checkpoints and
// versions; a projection only turns events into SQL inside the transaction it is given.
import type { PoolClient } from 'pg';
import type { RecordedEvent } from '../../event-store/port.js';

export interface ProjectionContext {
  /** The client of the batch's transaction: every write goes through it. */
  client: PoolClient;
  /** Qualified, quoted name of one of this generation's tables, e.g. "rm_infractions_g2"."infractions". */
  table(name: string): string;
}

export interface Projection {
  /** kebab-case, stable: it names the projection in the CLI, the status and the schemas. */
  name: string;
  /** Bump when tables or handlers change: a new version is rebuilt from position 0. */
  version: number;
  /** Only these reach applyBatch; the checkpoint still moves over every other event. */
  eventTypes: readonly string[];
  /** Tables the queries read, exposed as views in the `read_models` schema (names unique across projections). */
  publicTables: readonly string[];
  /** DDL creating every table with its primary key, given the generation's table namer. */
  createTables(table: (name: string) => string): string;
  /**
   * DDL of the query indexes, one statement a line ending in `;`; a rebuild creates them
   * (in parallel) once caught up, which is faster than maintaining them.
   */
  createIndexes(table: (name: string) => string): string;
  /** Applies events (all of a handled type, in log order) with few round trips. */
  applyBatch(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void>;
  /** Skip (and record) an event whose handler keeps failing, instead of stopping in FAILED. */
  skipPoisonEvents?: boolean;
}

export const PROJECTION_STATES = ['CATCHING_UP', 'LIVE', 'REBUILDING', 'FAILED'] as const;
export type ProjectionState = (typeof PROJECTION_STATES)[number];
