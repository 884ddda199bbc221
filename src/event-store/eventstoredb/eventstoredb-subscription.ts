// A catch-up subscription to $all on EventStoreDB that survives dropped connections: it
// resubscribes from the last position it delivered (EventStoreDB's positions are exclusive
// there), so nothing is skipped or repeated. System events never reach the caller.
import { excludeSystemEvents, START, streamNameFilter, type EventStoreDBClient, type Filter } from '@eventstore/db-client';
import type { Logger } from '../../app/logger.js';
import type { Position, RecordedEvent, Subscription, SubscriptionFilter } from '../port.js';
import { isSystemEvent, toRecordedEvent } from './event-mapping.js';
import { matchesFilter } from '../subscription-filter.js';

export class EventStoreDbSubscription implements Subscription {
  private readonly abort = new AbortController();
  private current: { unsubscribe(): Promise<void> } | undefined;
  private iterated = false;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly start: () => Promise<Position>,
    private readonly filter: SubscriptionFilter,
    private readonly logger: Logger,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.iterated) throw new Error('A subscription can be iterated only once');
    this.iterated = true;
    return this.run();
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.current?.unsubscribe().catch(() => undefined);
  }

  private async *run(): AsyncGenerator<RecordedEvent> {
    let checkpoint = await this.start();
    let delayMs = 100;
    try {
      while (!this.abort.signal.aborted) {
        const subscription = this.client.subscribeToAll({
          fromPosition: checkpoint.commit === 0n && checkpoint.prepare === 0n ? START : checkpoint,
          filter: this.serverFilter(),
        });
        this.current = subscription;
        try {
          for await (const resolved of subscription) {
            if (this.abort.signal.aborted) return;
            if (isSystemEvent(resolved)) continue;
            const event = toRecordedEvent(resolved);
            checkpoint = event.position;
            delayMs = 100;
            if (matchesFilter(this.filter, event)) yield event;
          }
          if (this.abort.signal.aborted) return;
        } catch (error) {
          if (this.abort.signal.aborted) return;
          const reason = error instanceof Error ? error.message : String(error);
          this.logger.warn({ error: reason, retryInMs: delayMs }, 'EventStoreDB subscription dropped; resubscribing');
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          delayMs = Math.min(delayMs * 2, 5_000);
        } finally {
          await subscription.unsubscribe().catch(() => undefined);
        }
      }
    } finally {
      this.abort.abort();
    }
  }

  /** The server filters on one thing only: stream prefixes when given, else it drops system events. */
  private serverFilter(): Filter {
    const prefixes = this.filter.streamPrefixes;
    return prefixes && prefixes.length > 0 ? streamNameFilter({ prefixes: [...prefixes] }) : excludeSystemEvents();
  }

}
