// How far each read model has moved, as far as this process knows: a counter bumped by every
// change signal (in process after a commit here, LISTEN/NOTIFY for commits elsewhere). An
// answer stamped with the counter before it was read stays good while none of its sources
// changed after the stamp. Without a live listener nothing is known of other processes'
// commits, so the versions are "unknown" (no answer is kept or served) until LISTEN is back.
import pg from 'pg';
import type { Logger } from '../../app/logger.js';
import { onReadModelChange, READ_MODEL_CHANNEL } from '../../projections/read-model-changes.js';

const RECONNECT_MIN_MS = 200;
const RECONNECT_MAX_MS = 10_000;
/** How long a NOTIFY of this process's own commit is expected after its announcement. */
const OWN_NOTIFY_MS = 5_000;
const MAX_OWN_NOTIFIES = 1_000;

export class ReadModelVersions {
  private counter = 0;
  private readonly changedAt = new Map<string, number>();
  /** Bumped whenever the listener is lost: every earlier stamp is void. */
  private lostAt = 0;
  private listening = false;
  private client: pg.Client | null = null;
  private stopped = false;
  private retryMs = RECONNECT_MIN_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;
  /** This process's commits announced in process whose NOTIFY has not arrived yet, by backend and source. */
  private readonly ownNotifies = new Map<string, { count: number; at: number }>();

  constructor(
    private readonly connection: pg.ClientConfig,
    private readonly logger: Logger,
    private readonly onLost: () => void = () => undefined,
  ) {
    this.unsubscribe = onReadModelChange((source, backend) => this.announced(source, backend));
  }

  /** Resolves once the first LISTEN is in place (or failed: it keeps retrying in the background). */
  async start(): Promise<void> {
    await this.connect();
  }

  get live(): boolean {
    return this.listening;
  }

  /** The stamp to give an answer about to be read, or null when no answer may be kept now. */
  stamp(): number | null {
    return this.listening ? this.counter : null;
  }

  /** True when none of `sources` changed, and the listener was not lost, after `stamp`. */
  unchangedSince(sources: readonly string[], stamp: number): boolean {
    if (!this.listening || this.lostAt > stamp) return false;
    for (const source of sources) if ((this.changedAt.get(source) ?? 0) > stamp) return false;
    return true;
  }

  changed(source: string): void {
    this.changedAt.set(source, ++this.counter);
  }

  /**
   * A commit of this process, announced right after it committed. Its NOTIFY arrives later
   * and would void the answers read after the change, the freshest ones: it is counted here
   * already, so the next NOTIFY from that backend about that source is skipped. Skipping one
   * of this process's own NOTIFYs is always safe (each was announced too); another process's
   * would need our backend's pid reused within OWN_NOTIFY_MS, which Linux's pid allocation
   * (sequential up to pid_max) does not do.
   */
  private announced(source: string, backend: number | undefined): void {
    this.changed(source);
    if (backend === undefined || !this.listening) return;
    if (this.ownNotifies.size > MAX_OWN_NOTIFIES) this.ownNotifies.clear(); // forgetting only counts a change twice
    const key = `${backend} ${source}`;
    const pending = this.ownNotifies.get(key);
    this.ownNotifies.set(key, { count: (pending?.count ?? 0) + 1, at: Date.now() });
  }

  private wasAnnouncedHere(backend: number, source: string): boolean {
    const key = `${backend} ${source}`;
    const pending = this.ownNotifies.get(key);
    if (!pending) return false;
    if (pending.count <= 1 || Date.now() - pending.at > OWN_NOTIFY_MS) this.ownNotifies.delete(key);
    else pending.count--;
    return Date.now() - pending.at <= OWN_NOTIFY_MS;
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    clearTimeout(this.retryTimer);
    this.listening = false;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.connection);
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel !== READ_MODEL_CHANNEL || !message.payload) return;
      if (!this.wasAnnouncedHere(message.processId, message.payload)) this.changed(message.payload);
    });
    client.on('error', (error) => this.lose(client, error));
    client.on('end', () => this.lose(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${READ_MODEL_CHANNEL}`);
      if (this.stopped || this.client !== client) return;
      // Whatever committed while nobody listened is unknown: everything before now is void.
      this.lostAt = ++this.counter;
      this.listening = true;
      this.retryMs = RECONNECT_MIN_MS;
      this.logger.debug('response cache: listening for read-model changes');
    } catch (error) {
      this.lose(client, error);
    }
  }

  private lose(client: pg.Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    this.listening = false;
    this.lostAt = ++this.counter;
    this.ownNotifies.clear();
    this.onLost();
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.logger.warn({ err: error, retryInMs: this.retryMs }, 'response cache off: lost the read-model change listener');
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
  }
}
