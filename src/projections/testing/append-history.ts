// Appends a generated history through the real event store, several appends in flight at
// once (as many writers would) while keeping each stream's appends in order.
import { comparePositions, START, type EventStore, type Position } from '../../event-store/port.js';
import type { Append } from './traffic-history.js';

export async function appendHistory(
  store: EventStore,
  appends: Iterable<Append>,
  options: { concurrency?: number; onAppended?: (events: number) => void } = {},
): Promise<{ events: number; last: Position }> {
  const concurrency = options.concurrency ?? 8;
  const inFlight = new Set<Promise<void>>();
  const streamTails = new Map<string, Promise<void>>();
  let total = 0;
  let last: Position = START;
  for (const append of appends) {
    const previous = streamTails.get(append.stream) ?? Promise.resolve();
    const write = previous.then(async () => {
      const { position } = await store.append(append.stream, append.events, append.expected);
      if (comparePositions(position, last) > 0) last = position;
      total += append.events.length;
      options.onAppended?.(append.events.length);
    });
    streamTails.set(append.stream, write);
    const tracked = write.finally(() => {
      inFlight.delete(tracked);
      if (streamTails.get(append.stream) === write) streamTails.delete(append.stream);
    });
    inFlight.add(tracked);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return { events: total, last };
}
