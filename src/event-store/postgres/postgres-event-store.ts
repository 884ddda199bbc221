// The PostgreSQL adapter of the event store port. Appends go through one server-side
// function per call; reads page through the log by (transaction id, position) and stop at
// the oldest running transaction, so a reader never passes an event that is still to commit.
import pg from 'pg';
import { createLogger, type Logger } from '../../app/logger.js';
import type { EventEnvelope } from '../../domain/shared/message.js';
import { verifyChain, type StoredLink } from '../hash-chain.js';
import {
  START,
  StreamNotFound,
  WrongExpectedRevision,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
  type VerifyResult,
} from '../port.js';
import { APPEND_QUERY, appendError, checkAppendRequest, encodeCall } from './append-parameters.js';
import { CatchUpSubscription, type CatchUpSource } from './catch-up-subscription.js';
import { ChangeNotifier } from './change-notifier.js';
import { APPEND_STATEMENT, appendInChunks, type AppendRow, type ChunkedAppend } from './chunked-append.js';
import { CommitSignal } from './commit-signal.js';
import { NotifyPlacementChoice, type NotifyPlacement } from './notify-placement.js';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './recorded-event-row.js';
import { migrate, NOTIFY_CHANNEL } from './schema.js';
import { StreamHeads, type StreamHead } from './stream-heads.js';
import { appendSeconds, appendsTotal, eventsAppendedTotal } from '../metrics.js';

export interface PostgresEventStoreOptions {
  connectionString: string;
  poolSize?: number;
  logger?: Logger;
  /** Rows per read query; bounds the memory of every read and subscription. */
  pageSize?: number;
  /** How often an idle subscription looks for events when no notification arrives. */
  pollIntervalMs?: number;
  /** Where appends wake subscriptions; 'auto' (default) decides by synchronous_commit (see notify-placement.ts). */
  notify?: NotifyPlacement;
  /**
   * A lone append (no other of this store in flight) of at least `minEvents` with an exact
   * expectation and a known head goes as chunks in one transaction, `firstChunkSize` (default
   * `chunkSize`) and then `chunkSize` events each, each encoded while the server inserts the
   * one before (chunked-append.ts). false: never.
   */
  chunking?: { minEvents: number; firstChunkSize?: number; chunkSize: number } | false;
  /** Test hook: runs inside each append's transaction after the insert, before COMMIT. */
  beforeCommit?: (stream: string) => Promise<void>;
}

const STABLE_AFTER = `(transaction_id, global_position) > ($1::xid8, $2::bigint)
  AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())`;

type Chunking = Exclude<PostgresEventStoreOptions['chunking'], false | undefined>;

const DEFAULT_CHUNKING: Chunking = { minEvents: 64, firstChunkSize: 25, chunkSize: 75 };

export class PostgresEventStore implements EventStore, CatchUpSource {
  readonly pool: pg.Pool;
  private readonly logger: Logger;
  private readonly notifier: ChangeNotifier;
  private readonly commitSignal: CommitSignal;
  private readonly notifyPlacement: NotifyPlacementChoice;
  private readonly subscriptions = new Set<Subscription>();
  private readonly heads = new StreamHeads();
  private appendsInFlight = 0;
  private readonly pageSize: number;
  private readonly pollIntervalMs: number;

  constructor(private readonly options: PostgresEventStoreOptions) {
    this.logger = options.logger ?? createLogger('info', 'event-store');
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
    // An idle client whose connection dies must not crash the process; the pool replaces it.
    this.pool.on('error', (error) => this.logger.warn({ error: error.message }, 'event store pool client failed'));
    this.notifier = new ChangeNotifier(options.connectionString, NOTIFY_CHANNEL, this.logger);
    this.commitSignal = new CommitSignal(this.pool, NOTIFY_CHANNEL, this.logger);
    this.notifyPlacement = new NotifyPlacementChoice(this.pool, options.notify ?? 'auto');
    this.pageSize = options.pageSize ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
  }

  /** Whether appends may NOTIFY inside their transaction (else right after commit). */
  notifiesInTransaction(): Promise<boolean> {
    return this.notifyPlacement.inTransaction();
  }

  migrate(): Promise<void> {
    return migrate(this.pool);
  }

  async append(stream: string, events: readonly EventEnvelope[], expected: ExpectedRevision): Promise<AppendResult> {
    const othersInFlight = this.appendsInFlight;
    this.appendsInFlight += 1;
    let notifyInTransaction: boolean;
    let row: AppendRow;
    try {
      notifyInTransaction = await this.notifyPlacement.forAppend(othersInFlight);
      row = await this.appendRow(stream, events, expected, notifyInTransaction, othersInFlight === 0);
    } finally {
      this.appendsInFlight -= 1;
    }
    if (!notifyInTransaction) this.commitSignal.committed();
    const nextRevision = Number(row.next_revision);
    this.heads.remember(stream, { revision: nextRevision, hash: row.last_hash });
    return {
      nextRevision,
      position: { commit: BigInt(row.commit_id), prepare: BigInt(row.prepare) },
    };
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    if (!backwards && from === 'end') return;
    let next = from === 'start' ? 0 : from === 'end' ? Number.MAX_SAFE_INTEGER : from;
    const text = backwards
      ? `SELECT ${EVENT_COLUMNS} FROM event_store.events WHERE stream_name = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`
      : `SELECT ${EVENT_COLUMNS} FROM event_store.events WHERE stream_name = $1 AND revision >= $2 ORDER BY revision LIMIT $3`;
    let firstPage = true;
    while (remaining > 0) {
      const limit = Math.min(this.pageSize, remaining);
      const { rows } = await this.pool.query<EventRow>(text, [stream, next, limit]);
      if (firstPage && rows.length === 0 && !(await this.streamHasEvents(stream))) throw new StreamNotFound(stream);
      firstPage = false;
      for (const row of rows) yield toRecordedEvent(row);
      remaining -= rows.length;
      const last = rows.at(-1);
      if (rows.length < limit || last === undefined) return;
      next = backwards ? Number(last.revision) - 1 : Number(last.revision) + 1;
      if (next < 0) return;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let after = options.fromPosition ?? START;
    while (remaining > 0) {
      const limit = Math.min(this.pageSize, remaining);
      const page = await this.readPage(after, limit);
      for (const event of page) yield event;
      remaining -= page.length;
      const last = page.at(-1);
      if (page.length < limit || last === undefined) return;
      after = last.position;
    }
  }

  async readPage(after: Position, limit: number): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'event_store_read_page',
      text: `SELECT ${EVENT_COLUMNS} FROM event_store.events WHERE ${STABLE_AFTER}
        ORDER BY transaction_id, global_position LIMIT $3`,
      values: [after.commit.toString(), after.prepare.toString(), limit],
    });
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const subscription = new CatchUpSubscription(
      this,
      this.notifier,
      options.fromPosition ?? START,
      options.filter ?? {},
      { pageSize: this.pageSize, pollIntervalMs: this.pollIntervalMs },
      this.logger,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<Position> {
    const { rows } = await this.pool.query<{ transaction_id: string; global_position: string }>(
      `SELECT transaction_id, global_position FROM event_store.events
        WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    );
    const row = rows[0];
    return row ? { commit: BigInt(row.transaction_id), prepare: BigInt(row.global_position) } : START;
  }

  async verify(stream: string): Promise<VerifyResult> {
    const { rows } = await this.pool.query<{ revision: string }>(
      'SELECT revision FROM event_store.streams WHERE stream_name = $1',
      [stream],
    );
    const head = rows[0] ? Number(rows[0].revision) : undefined;
    return verifyChain(stream, this.storedLinks(stream), head);
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.notifier.stop();
    await this.pool.end();
  }

  private async appendRow(stream: string, events: readonly EventEnvelope[], expected: ExpectedRevision, notifyInTransaction: boolean, alone: boolean): Promise<AppendRow> {
    checkAppendRequest(stream, events, expected);
    const head = this.heads.assumedHead(stream, expected);
    const timer = appendSeconds.startTimer();
    try {
      const chunked = alone ? this.chunkedAppend(stream, events, expected, notifyInTransaction, head) : undefined;
      const row = chunked
        ? await appendInChunks(this.pool, chunked)
        : await this.appendWhole(stream, encodeCall(stream, events, expected, notifyInTransaction, head, null).values);
      appendsTotal.inc({ outcome: 'appended' });
      eventsAppendedTotal.inc(events.length);
      return row;
    } catch (error) {
      this.heads.forget(stream);
      const failure = appendError(error, stream, events, expected);
      appendsTotal.inc({ outcome: failure instanceof WrongExpectedRevision ? 'wrong_expected_revision' : 'failed' });
      throw failure;
    } finally {
      timer();
    }
  }

  /** The chunked form of an append, when it applies (see the `chunking` option). */
  private chunkedAppend(stream: string, events: readonly EventEnvelope[], expected: ExpectedRevision, notifyInTransaction: boolean, head: StreamHead | undefined): ChunkedAppend | undefined {
    const chunking = this.options.chunking ?? DEFAULT_CHUNKING;
    if (!chunking || events.length < chunking.minEvents) return undefined;
    const firstChunkSize = chunking.firstChunkSize ?? chunking.chunkSize;
    if (events.length <= firstChunkSize || this.options.beforeCommit || !head) return undefined;
    if (expected !== 'no_stream' && typeof expected !== 'number') return undefined;
    return { stream, events, expected, head, notifyInTransaction, firstChunkSize, chunkSize: chunking.chunkSize };
  }

  private appendWhole(stream: string, values: unknown[]): Promise<AppendRow> {
    return this.options.beforeCommit ? this.appendHeldOpen(stream, values) : this.appendAtOnce(values);
  }

  private async appendAtOnce(values: unknown[]): Promise<AppendRow> {
    const { rows } = await this.pool.query<AppendRow>({ name: APPEND_STATEMENT, text: APPEND_QUERY, values });
    return rows[0]!;
  }

  private async appendHeldOpen(stream: string, values: unknown[]): Promise<AppendRow> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<AppendRow>({ name: APPEND_STATEMENT, text: APPEND_QUERY, values });
      await this.options.beforeCommit?.(stream);
      await client.query('COMMIT');
      return rows[0]!;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async streamHasEvents(stream: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM event_store.events WHERE stream_name = $1 LIMIT 1', [stream]);
    return (rowCount ?? 0) > 0;
  }

  private async *storedLinks(stream: string): AsyncGenerator<StoredLink> {
    try {
      yield* this.readStream(stream);
    } catch (error) {
      if (!(error instanceof StreamNotFound)) throw error;
    }
  }
}
