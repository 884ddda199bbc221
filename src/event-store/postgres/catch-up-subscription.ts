// A subscription to the whole log: reads pages after its checkpoint until it is caught
// up, then waits for a commit notification (or the poll interval) and reads again. It is
// live and catching up with the same query, so there is no hand-over where an event
// could slip between the two. Read failures (a lost connection) are retried from the
// last delivered position, so nothing is skipped or repeated.
import type { Logger } from '../../app/logger.js';
import { START, type Position, type RecordedEvent, type Subscription, type SubscriptionFilter } from '../port.js';
import type { ChangeNotifier } from './change-notifier.js';
import { matchesFilter } from '../subscription-filter.js';

export interface CatchUpSource {
  /** Events strictly after `after`, in log order, only those no running write can precede. */
  readPage(after: Position, limit: number): Promise<RecordedEvent[]>;
  headPosition(): Promise<Position>;
}

export interface CatchUpOptions {
  pageSize: number;
  pollIntervalMs: number;
}

// After a wake-up that found nothing readable yet (an older transaction is still open),
// look again soon rather than a whole poll interval later.
const FIRST_RETRY_MS = 5;

export class CatchUpSubscription implements Subscription {
  private readonly abort = new AbortController();
  private iterated = false;

  constructor(
    private readonly source: CatchUpSource,
    private readonly notifier: ChangeNotifier,
    private readonly from: Position | 'end',
    private readonly filter: SubscriptionFilter,
    private readonly options: CatchUpOptions,
    private readonly logger: Logger,
    private readonly onClosed: () => void = () => undefined,
  ) {
    this.abort.signal.addEventListener('abort', () => this.onClosed(), { once: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.iterated) throw new Error('A subscription can be iterated only once');
    this.iterated = true;
    return this.run();
  }

  async close(): Promise<void> {
    this.abort.abort();
  }

  private async *run(): AsyncGenerator<RecordedEvent> {
    const signal = this.abort.signal;
    this.notifier.ensureStarted();
    try {
      let checkpoint = await this.retrying(() => this.startPosition());
      // A wake-up whose events were not readable yet: an older transaction is still open.
      let awaitingWokenEvents = false;
      let retryMs = FIRST_RETRY_MS;
      while (checkpoint !== undefined && !signal.aborted) {
        const generation = this.notifier.generation;
        const after: Position = checkpoint;
        const page = await this.retrying(() => this.source.readPage(after, this.options.pageSize));
        if (page === undefined) return;
        for (const event of page) {
          if (signal.aborted) return;
          checkpoint = event.position;
          if (matchesFilter(this.filter, event)) yield event;
        }
        if (page.length === this.options.pageSize) continue;
        if (page.length > 0) awaitingWokenEvents = false;
        await this.notifier.waitForChange(generation, awaitingWokenEvents ? retryMs : this.options.pollIntervalMs, signal);
        if (this.notifier.generation !== generation) {
          awaitingWokenEvents = true;
          retryMs = FIRST_RETRY_MS;
        } else if (awaitingWokenEvents) {
          retryMs = Math.min(retryMs * 2, this.options.pollIntervalMs);
        }
      }
    } finally {
      this.abort.abort();
    }
  }

  private async startPosition(): Promise<Position> {
    if (this.from === 'end') return this.source.headPosition();
    return this.from ?? START;
  }

  /** Runs `read` until it succeeds; undefined once the subscription is closed. */
  private async retrying<T>(read: () => Promise<T>): Promise<T | undefined> {
    let delayMs = 50;
    while (!this.abort.signal.aborted) {
      try {
        return await read();
      } catch (error) {
        if (this.abort.signal.aborted) return undefined;
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.warn({ error: reason, retryInMs: delayMs }, 'event store subscription read failed; retrying');
        await sleep(delayMs, this.abort.signal);
        delayMs = Math.min(delayMs * 2, 5_000);
      }
    }
    return undefined;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
