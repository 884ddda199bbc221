// One long append sent as several calls of the append function in ONE implicit transaction,
// so that the process encodes and hashes chunk k+1 while the server inserts chunk k. In
// PostgreSQL's extended query protocol every Bind/Execute before a Sync runs in the same
// implicit transaction (committed at the Sync, rolled back if any fails; after an error
// the server skips to the Sync), and the server executes each Execute as it arrives. A
// single call is serial: the process encodes everything while the server idles, then the
// server inserts while the process idles. It can only pay off when a core would otherwise
// idle, so the store chunks only a lone, long append (postgres-event-store.ts).
//
// node-pg runs any object with submit(connection) as a query, as pg-cursor does: this one
// writes its own messages and hears the replies through the handle* callbacks below.
import type pg from 'pg';
import { Counter, register } from 'prom-client';
import type { EventEnvelope } from '../../domain/shared/message.js';
import { APPEND_QUERY, encodeCall, type EncodedCall } from './append-parameters.js';
import type { StreamHead } from './stream-heads.js';

/** The named statement of every append (parsed once per connection). */
export const APPEND_STATEMENT = 'event_store_append';

/** How many appends went as chunks: how often the store found a core to overlap with. */
export const chunkedAppendsTotal = (register.getSingleMetric('roadledger_event_store_chunked_appends_total') ??
  new Counter({ name: 'roadledger_event_store_chunked_appends_total', help: 'Appends sent as chunks in one transaction (PostgreSQL)' })) as Counter;

export interface AppendRow {
  next_revision: string;
  commit_id: string;
  prepare: string;
  last_hash: string;
}

export interface ChunkedAppend {
  stream: string;
  events: readonly EventEnvelope[];
  /** Chunk k > 1 expects exactly the revision chunk k - 1 leaves, so the whole append must be exact too. */
  expected: number | 'no_stream';
  /** The head the first chunk hashed on (the process hashes every chunk). */
  head: StreamHead;
  notifyInTransaction: boolean;
  /** The first chunk's size; a small one gets the server started sooner. */
  firstChunkSize: number;
  chunkSize: number;
}

/** What this writes through, of node-pg's Connection (its type definitions omit most of it). */
interface WireConnection {
  stream: { cork(): void; uncork(): void };
  parsedStatements: Record<string, string | undefined>;
  submittedNamedStatements: Record<string, string | undefined>;
  parse(message: { name: string; text: string; types: never[] }): void;
  bind(message: { statement: string; values: unknown[]; valueMapper: (value: unknown) => string | null }): void;
  execute(message: object): void;
  sync(): void;
}

const textParameter = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** Sends an append as chunks on a connection of the pool; resolves to the last chunk's row. */
export async function appendInChunks(pool: pg.Pool, append: ChunkedAppend): Promise<AppendRow> {
  // The first chunk is encoded before a connection is taken: its errors leave none behind.
  const firstChunk = encodeCall(append.stream, append.events.slice(0, append.firstChunkSize), append.expected, false, append.head, 'first');
  const client = await pool.connect();
  const query = new ChunkedAppendQuery(append, firstChunk);
  // A connection lost mid-append fails the query (handleError) and emits 'error' on the
  // client, which would crash the process with no listener (pool.query listens the same way).
  const lost = (): void => {};
  client.on('error', lost);
  chunkedAppendsTotal.inc();
  try {
    const row = await client.query(query).row;
    client.removeListener('error', lost);
    client.release();
    return row;
  } catch (error) {
    client.removeListener('error', lost);
    // Only a statement's ERROR leaves the connection as it was (the Sync sent ends the
    // transaction). Otherwise close it: chunks sent with no Sync behind them are rolled back
    // that way, and a FATAL or lost connection must not go back to the pool.
    const statementError = !query.unusable && (error as { severity?: string }).severity === 'ERROR';
    client.release(statementError ? undefined : (error as Error));
    throw error;
  }
}

export class ChunkedAppendQuery implements pg.Submittable {
  // node-pg reads these when the server confirms the Parse.
  readonly name = APPEND_STATEMENT;
  readonly text = APPEND_QUERY;
  /**
   * Set when encoding a later chunk threw after earlier ones were sent: the connection holds
   * a transaction with no Sync, which must end by closing the connection (a rollback).
   */
  unusable = false;
  readonly row: Promise<AppendRow>;
  private lastFields: Array<string | null> | undefined;
  private settled = false;
  private resolve!: (row: AppendRow) => void;
  private reject!: (error: unknown) => void;

  constructor(
    private readonly append: ChunkedAppend,
    private readonly firstChunk: EncodedCall,
  ) {
    this.row = new Promise<AppendRow>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection: pg.Connection): void {
    const wire = connection as unknown as WireConnection;
    if (wire.parsedStatements[this.name] === undefined && wire.submittedNamedStatements[this.name] === undefined) {
      wire.parse({ name: this.name, text: this.text, types: [] });
      wire.submittedNamedStatements[this.name] = this.text;
    }
    const { stream, events, expected, firstChunkSize, chunkSize } = this.append;
    const base = expected === 'no_stream' ? -1 : expected;
    this.send(wire, this.firstChunk.values);
    let hash = this.firstChunk.lastHash;
    try {
      for (let start = firstChunkSize; start < events.length; start += chunkSize) {
        const end = Math.min(start + chunkSize, events.length);
        const head = hash === undefined ? undefined : { revision: base + start, hash };
        const notify = this.append.notifyInTransaction && end === events.length;
        const call = encodeCall(stream, events.slice(start, end), base + start, notify, head, 'next');
        this.send(wire, call.values);
        hash = call.lastHash;
      }
    } catch (error) {
      this.unusable = true;
      this.settle(error);
      return;
    }
    wire.sync();
  }

  handleDataRow(message: { fields: Array<string | null> }): void {
    this.lastFields = message.fields;
  }

  handleCommandComplete(): void {}

  handleError(error: unknown): void {
    this.settle(error);
  }

  handleReadyForQuery(): void {
    const fields = this.lastFields;
    if (!fields) return this.settle(new Error('chunked append: the server returned no row'));
    const [next_revision, commit_id, prepare, last_hash] = fields as string[];
    this.settle(undefined, { next_revision: next_revision!, commit_id: commit_id!, prepare: prepare!, last_hash: last_hash! });
  }

  // One writev per chunk: corked, the Bind and Execute leave together, and at once (the
  // socket writes synchronously when nothing is queued), before the next chunk is encoded.
  private send(wire: WireConnection, values: unknown[]): void {
    wire.stream.cork();
    try {
      wire.bind({ statement: this.name, values, valueMapper: textParameter });
      wire.execute({});
    } finally {
      wire.stream.uncork();
    }
  }

  private settle(error: unknown, row?: AppendRow): void {
    if (this.settled) return;
    this.settled = true;
    if (row) this.resolve(row);
    else this.reject(error);
  }
}
