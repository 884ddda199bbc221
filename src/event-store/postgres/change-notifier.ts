// Wakes subscriptions when an append commits: one LISTEN connection per store, kept alive
// across connection losses. Every wake-up bumps a generation counter, so a subscription
// that read before a notification arrived still sees that something changed.
import pg from 'pg';
import type { Logger } from '../../app/logger.js';

export class ChangeNotifier {
  private client: pg.Client | undefined;
  private generationCounter = 0;
  private readonly waiters = new Set<() => void>();
  private stopped = false;
  private started = false;
  private reconnectDelayMs = 100;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {}

  get generation(): number {
    return this.generationCounter;
  }

  /** Starts listening on first use; later calls do nothing. */
  ensureStarted(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    void this.connect();
  }

  /**
   * Resolves when the generation moves past `since`, after `timeoutMs` (the poll fallback),
   * or when `signal` aborts — whichever comes first.
   */
  waitForChange(since: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.generationCounter !== since || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done);
      this.waiters.add(done);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private wake(): void {
    this.generationCounter += 1;
    for (const waiter of [...this.waiters]) waiter();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.connectionString });
    this.client = client;
    client.on('notification', () => this.wake());
    client.on('error', (error) => this.onLost(client, error));
    client.on('end', () => this.onLost(client, undefined));
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.channel)}`);
      this.reconnectDelayMs = 100;
      // Anything committed while nobody was listening must be picked up now.
      this.wake();
    } catch (error) {
      this.onLost(client, error);
    }
  }

  /** Called once per lost connection ('error' and 'end' both fire; the second is ignored). */
  private onLost(client: pg.Client, error: unknown): void {
    if (this.stopped || client !== this.client) return;
    this.client = undefined;
    const reason = error instanceof Error ? error.message : 'connection ended';
    this.logger.warn({ error: reason, retryInMs: this.reconnectDelayMs }, 'event store listener lost its connection');
    client.end().catch(() => undefined);
    setTimeout(() => void this.connect(), this.reconnectDelayMs).unref();
    this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, 5_000);
  }
}
