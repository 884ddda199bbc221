// One live subscription to the event store, shared by every GraphQL subscriber: each
// client gets an async iterator fed from it in process, never a store subscription of its
// own. An iterator's return() (the client unsubscribed or went away) removes its listener.
import type { Logger } from '../../app/logger.js';
import type { EventStore, RecordedEvent, Subscription } from '../../event-store/port.js';

/** A subscriber this far behind is cut off rather than let its queue grow without bound. */
const MAX_QUEUED = 1_000;

interface Listener {
  accepts(event: RecordedEvent): boolean;
  push(event: RecordedEvent): void;
  end(): void;
}

export class EventFanOut {
  private readonly listeners = new Set<Listener>();
  private subscription: Subscription | null = null;
  private pump: Promise<void> | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly logger: Logger,
    private readonly streamPrefixes: readonly string[],
  ) {}

  /** Subscribes from the current end of the log; events appended from now on are delivered. */
  start(): void {
    if (this.subscription) return;
    const subscription = this.store.subscribeToAll({ fromPosition: 'end', filter: { streamPrefixes: this.streamPrefixes } });
    this.subscription = subscription;
    this.pump = (async () => {
      try {
        for await (const event of subscription) {
          for (const listener of this.listeners) if (listener.accepts(event)) listener.push(event);
        }
      } catch (error) {
        this.logger.error({ err: error }, 'event subscription for GraphQL subscriptions failed');
      }
    })();
  }

  get size(): number {
    return this.listeners.size;
  }

  listen(accepts: (event: RecordedEvent) => boolean): AsyncIterableIterator<RecordedEvent> {
    const queue: RecordedEvent[] = [];
    let waiting: ((result: IteratorResult<RecordedEvent>) => void) | null = null;
    let done = false;
    const finish = (): IteratorResult<RecordedEvent> => {
      done = true;
      this.listeners.delete(listener);
      queue.length = 0;
      waiting?.({ value: undefined, done: true });
      waiting = null;
      return { value: undefined, done: true };
    };
    const listener: Listener = {
      accepts,
      push: (event) => {
        if (waiting) {
          const resolve = waiting;
          waiting = null;
          resolve({ value: event, done: false });
        } else if (queue.length < MAX_QUEUED) {
          queue.push(event);
        } else {
          this.logger.warn('a GraphQL subscriber fell too far behind and was ended');
          finish();
        }
      },
      end: () => void finish(),
    };
    this.listeners.add(listener);
    const iterator: AsyncIterableIterator<RecordedEvent> = {
      next: () => {
        if (queue.length > 0) return Promise.resolve({ value: queue.shift()!, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (waiting = resolve));
      },
      return: () => Promise.resolve(finish()),
      throw: (error?: unknown) => {
        finish();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  async close(): Promise<void> {
    for (const listener of [...this.listeners]) listener.end();
    await this.subscription?.close();
    await this.pump;
    this.subscription = null;
  }
}
