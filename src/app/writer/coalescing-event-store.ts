// The event writer's view of the event store: appends with expectation `any` to the same
// stream that arrive together (a device's passages, dispatched side by side by the writer)
// ride in one append, in call order — one transaction for many observations instead of one
// each, which is what lets the writer go past the store's single-append ceiling.
// Everything else passes straight through.
//
// A merged append is all or nothing. If it fails (a replayed passage among new ones makes
// the store refuse the whole set, or the store is down), each call is appended on its own,
// in order, and the first failure fails the calls after it unattempted, so no call lands
// ahead of an earlier one of the same stream.
import type { EventEnvelope } from '../../domain/shared/message.js';
import type { AppendResult, EventStore, ExpectedRevision } from '../../event-store/port.js';

interface PendingAppend {
  events: readonly EventEnvelope[];
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** Calls merged into one append at most; a day stream's append stays a modest transaction. */
const MAX_EVENTS_PER_APPEND = 500;

export class CoalescingEventStore implements EventStore {
  private readonly queues = new Map<string, PendingAppend[]>();
  private readonly flushing = new Set<string>();

  constructor(private readonly store: EventStore) {}

  append(stream: string, events: readonly EventEnvelope[], expected: ExpectedRevision): Promise<AppendResult> {
    if (expected !== 'any') return this.store.append(stream, events, expected);
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(stream);
      if (queue) queue.push({ events, resolve, reject });
      else this.queues.set(stream, [{ events, resolve, reject }]);
      // setImmediate: calls started in the same turn (a run of passages) join this append.
      if (!this.flushing.has(stream)) {
        this.flushing.add(stream);
        setImmediate(() => void this.flush(stream));
      }
    });
  }

  readStream: EventStore['readStream'] = (stream, options) => this.store.readStream(stream, options);
  readAll: EventStore['readAll'] = (options) => this.store.readAll(options);
  subscribeToAll: EventStore['subscribeToAll'] = (options) => this.store.subscribeToAll(options);
  headPosition: EventStore['headPosition'] = () => this.store.headPosition();
  verify: EventStore['verify'] = (stream) => this.store.verify(stream);
  close: EventStore['close'] = () => this.store.close();

  private async flush(stream: string): Promise<void> {
    for (let batch = this.take(stream); batch.length > 0; batch = this.take(stream)) {
      if (batch.length === 1) await this.appendAlone(stream, batch[0] as PendingAppend);
      else await this.appendMerged(stream, batch);
    }
    this.queues.delete(stream);
    this.flushing.delete(stream);
  }

  private take(stream: string): PendingAppend[] {
    const queue = this.queues.get(stream) ?? [];
    let events = 0;
    let count = 0;
    while (count < queue.length && (count === 0 || events + (queue[count] as PendingAppend).events.length <= MAX_EVENTS_PER_APPEND)) {
      events += (queue[count] as PendingAppend).events.length;
      count += 1;
    }
    return queue.splice(0, count);
  }

  private async appendMerged(stream: string, batch: PendingAppend[]): Promise<void> {
    let result: AppendResult;
    try {
      result = await this.store.append(stream, batch.flatMap((call) => call.events), 'any');
    } catch {
      for (const [index, call] of batch.entries()) {
        if (!(await this.appendAlone(stream, call))) {
          const error = new Error(`an earlier append to ${stream} failed; this one was not attempted`);
          for (const later of batch.slice(index + 1)) later.reject(error);
          return;
        }
      }
      return;
    }
    // Each call's own last revision; the position is the merged append's last event.
    let after = 0;
    for (let index = batch.length - 1; index >= 0; index -= 1) {
      const call = batch[index] as PendingAppend;
      call.resolve({ nextRevision: result.nextRevision - after, position: result.position });
      after += call.events.length;
    }
  }

  private async appendAlone(stream: string, call: PendingAppend): Promise<boolean> {
    try {
      call.resolve(await this.store.append(stream, call.events, 'any'));
      return true;
    } catch (error) {
      call.reject(error);
      return false;
    }
  }
}
