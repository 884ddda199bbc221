// Finishing tracks off the frame loop. Jobs (plate reading, evidence, messages) run in the
// background, at most `concurrency` at once and at most `maxWaiting` waiting to start; past
// that, `add` makes the frame loop wait (back-pressure), so memory stays bounded however
// slow evidence gets. Results are delivered in the order their jobs were added, so a run
// publishes in the same order whatever finishes first. The first failure stops delivery,
// drops the jobs not yet started, and is thrown by the next `add`, `check` or `drain`.
import PQueue from 'p-queue';

const NOT_RUN = Symbol('not run: the queue had failed or was abandoned');

export interface FinishingQueueOptions {
  /** Jobs running at once (default 1: beside the frame loop's detection it fills 2 cores). */
  concurrency?: number;
  /** Jobs waiting to start before `add` makes its caller wait (default 4). */
  maxWaiting?: number;
  /**
   * Jobs running at once while `drain` waits (default 2): the frame loop has ended, so the
   * cores it used go to the evidence still waiting rather than sitting idle.
   */
  drainConcurrency?: number;
}

export interface FinishingFigures {
  jobs: number;
  /** The most jobs waiting to start at once (never above `maxWaiting`). */
  peakWaiting: number;
  /** Time `add` held its caller back because the queue was full. */
  blockedMs: number;
}

export class FinishingQueue<T> {
  private readonly queue: PQueue;
  private readonly maxWaiting: number;
  private readonly drainConcurrency: number;
  private delivered: Promise<void> = Promise.resolve();
  private failure: { error: unknown; index: number } | null = null;
  private stopped = false;
  private readonly failed: Promise<void>;
  private signalFailure: () => void = () => undefined;
  private readonly figures: FinishingFigures = { jobs: 0, peakWaiting: 0, blockedMs: 0 };

  constructor(
    private readonly deliver: (result: T) => Promise<void> | void,
    options: FinishingQueueOptions = {},
  ) {
    const concurrency = options.concurrency ?? 1;
    this.maxWaiting = options.maxWaiting ?? 4;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`finishing concurrency must be a whole number >= 1, got ${concurrency}`);
    if (!Number.isInteger(this.maxWaiting) || this.maxWaiting < 1) throw new RangeError(`finishing maxWaiting must be a whole number >= 1, got ${this.maxWaiting}`);
    this.drainConcurrency = options.drainConcurrency ?? Math.max(2, concurrency);
    if (!Number.isInteger(this.drainConcurrency) || this.drainConcurrency < 1) throw new RangeError(`finishing drainConcurrency must be a whole number >= 1, got ${this.drainConcurrency}`);
    this.queue = new PQueue({ concurrency });
    this.failed = new Promise((resolve) => (this.signalFailure = resolve));
  }

  /** Queues a job; waits first while `maxWaiting` jobs are already waiting. */
  async add(job: () => Promise<T>): Promise<void> {
    this.check();
    if (this.queue.size >= this.maxWaiting) {
      const start = performance.now();
      await Promise.race([this.queue.onSizeLessThan(this.maxWaiting), this.failed]);
      this.figures.blockedMs += performance.now() - start;
      this.check();
    }
    const index = this.figures.jobs;
    const result = this.queue.add(async () => {
      if (this.failure || this.stopped) throw NOT_RUN;
      try {
        return await job();
      } catch (error) {
        // Recorded before the queue starts the next job, which then does not run.
        this.fail(error, index);
        throw error;
      }
    });
    result.catch(() => undefined);
    this.figures.jobs += 1;
    this.figures.peakWaiting = Math.max(this.figures.peakWaiting, this.queue.size);
    const previous = this.delivered;
    this.delivered = (async () => {
      await previous;
      // A job added before the failing one started before it and is delivered (with more
      // than one running, a later job can fail first); one added after it is not, and may
      // never have run (cleared), so its result is not awaited.
      if (this.stopped || this.failedBefore(index)) return;
      const value = await result;
      if (!this.stopped && !this.failedBefore(index)) await this.deliver(value);
    })().catch((error: unknown) => {
      if (error !== NOT_RUN) this.fail(error, index);
    });
  }

  /** Throws the first failure of a job or a delivery, if there was one. */
  check(): void {
    if (this.failure) throw this.failure.error;
  }

  /** Waits until every job has run and its result was delivered; throws the first failure. */
  async drain(): Promise<void> {
    this.queue.concurrency = Math.max(this.queue.concurrency, this.drainConcurrency);
    await this.delivered;
    if (this.failure) await this.queue.onIdle();
    this.check();
  }

  /** Drops the jobs not yet started, waits for the running ones, and delivers nothing more. */
  async abandon(): Promise<void> {
    this.stopped = true;
    this.queue.clear();
    await this.queue.onIdle();
  }

  get waiting(): number {
    return this.queue.size;
  }

  get running(): number {
    return this.queue.pending;
  }

  report(): FinishingFigures {
    return { ...this.figures };
  }

  private failedBefore(index: number): boolean {
    return this.failure !== null && this.failure.index < index;
  }

  private fail(error: unknown, index: number): void {
    if (this.failure && this.failure.index <= index) return;
    this.failure = { error, index };
    // Jobs not yet started would only make evidence nobody publishes.
    this.queue.clear();
    this.signalFailure();
  }
}
