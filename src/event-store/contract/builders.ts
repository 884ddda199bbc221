// Test data for the contract suite: events with sensible defaults, unique stream names,
// and small helpers to drain async iterables and subscriptions.
import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '../../domain/shared/message.js';
import type { RecordedEvent, Subscription } from '../port.js';

export function aStream(prefix = 'contract'): string {
  return `${prefix}-${randomUUID()}`;
}

export function anEvent(overrides: { type?: string; data?: unknown; eventId?: string } = {}): EventEnvelope {
  const eventId = overrides.eventId ?? randomUUID();
  return {
    type: overrides.type ?? 'InfractionDetected',
    data: overrides.data ?? { plate: 'ABC-123', speedKmh: 87.5, lanes: [1, 2], note: 'ñandú ✓' },
    metadata: {
      eventId,
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { kind: 'device', deviceId: 'cam-7' },
      occurredAt: '2026-03-01T12:00:00.000Z',
      schemaVersion: 1,
    },
  };
}

export function someEvents(count: number, type?: string): EventEnvelope[] {
  return Array.from({ length: count }, (_, index) => anEvent({ type, data: { index } }));
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

export function ids(events: ReadonlyArray<EventEnvelope | RecordedEvent>): string[] {
  return events.map((event) => event.metadata.eventId);
}

/** Reads `count` events from a subscription, then closes it; fails after `timeoutMs`. */
export async function take(subscription: Subscription, count: number, timeoutMs = 15_000): Promise<RecordedEvent[]> {
  const received: RecordedEvent[] = [];
  const timer = setTimeout(() => void subscription.close(), timeoutMs);
  try {
    for await (const event of subscription) {
      received.push(event);
      if (received.length === count) break;
    }
  } finally {
    clearTimeout(timer);
    await subscription.close();
  }
  if (received.length < count) throw new Error(`subscription gave ${received.length} of ${count} events in ${timeoutMs} ms`);
  return received;
}

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}
