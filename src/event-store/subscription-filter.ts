// Which events a subscription's filter lets through; shared by both adapters so they
// agree on what an empty or partial filter means (no list: no restriction).
import type { RecordedEvent, SubscriptionFilter } from './port.js';

export function matchesFilter(filter: SubscriptionFilter, event: RecordedEvent): boolean {
  const { eventTypes, streamPrefixes } = filter;
  if (eventTypes && !eventTypes.includes(event.type)) return false;
  if (streamPrefixes && !streamPrefixes.some((prefix) => event.streamName.startsWith(prefix))) return false;
  return true;
}
