// Reads the subscription ahead of the handler: while a batch is written, the next pages
// are already being read on another connection, so reading and writing overlap.
import type { RecordedEvent } from '../../event-store/port.js';

export class EventBuffer {
  private queue: RecordedEvent[] = [];
  private done = false;
  private failure: unknown = undefined;
  private wakeTaker: (() => void) | null = null;
  private wakePump: (() => void) | null = null;
  private wanted = 1;
  private stopped = false;

  /**
   * `retain` picks what is kept of each event while it waits: whatever it lets go is
   * collected young, where holding thousands of full events costs the garbage collector
   * more than reading them did.
   */
  constructor(
    source: AsyncIterable<RecordedEvent>,
    private readonly highWater: number,
    private readonly retain: (event: RecordedEvent) => RecordedEvent = (event) => event,
  ) {
    void this.pump(source);
  }

  /** Lets the reader finish: it stops at its next event (the caller closes the source). */
  stop(): void {
    this.stopped = true;
    this.wakePump?.();
  }

  get size(): number {
    return this.queue.length;
  }

  /**
   * Up to `max` events: waits for the first one as long as it takes, then up to `windowMs`
   * for the batch to fill. Null once the source has ended and everything was taken.
   */
  async take(max: number, windowMs: number): Promise<RecordedEvent[] | null> {
    if (this.queue.length === 0) await this.waitFor(1, Number.POSITIVE_INFINITY);
    if (this.queue.length < max) await this.waitFor(max, windowMs);
    if (this.queue.length === 0) {
      if (this.failure !== undefined) throw this.failure;
      return null;
    }
    const batch = this.queue.length <= max ? this.queue : this.queue.slice(0, max);
    this.queue = this.queue.length <= max ? [] : this.queue.slice(max);
    this.wakePump?.();
    return batch;
  }

  private async waitFor(count: number, windowMs: number): Promise<void> {
    if (this.queue.length >= count || this.done) return;
    this.wanted = count;
    await new Promise<void>((resolve) => {
      const timer = Number.isFinite(windowMs) ? setTimeout(() => finish(), windowMs) : undefined;
      const finish = (): void => {
        clearTimeout(timer);
        this.wakeTaker = null;
        resolve();
      };
      this.wakeTaker = finish;
    });
  }

  private async pump(source: AsyncIterable<RecordedEvent>): Promise<void> {
    try {
      for await (const event of source) {
        if (this.stopped) break;
        this.queue.push(this.retain(event));
        if (this.wakeTaker && this.queue.length >= this.wanted) this.wakeTaker();
        if (this.queue.length >= this.highWater && !this.stopped) await new Promise<void>((resolve) => (this.wakePump = resolve));
        if (this.stopped) break;
        this.wakePump = null;
      }
    } catch (error) {
      this.failure = error;
    } finally {
      this.done = true;
      this.wakeTaker?.();
    }
  }
}
