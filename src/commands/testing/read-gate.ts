// Holds the next `readers` stream reads until all of them have read, so that concurrent
// commands provably decide on the same state: a real store behind it, only the timing is set.
import type { EventStore, ReadStreamOptions, RecordedEvent } from '../../event-store/port.js';

export interface ReadGate {
  store: EventStore;
  /** The next `readers` reads wait for each other; reads after them pass straight through. */
  arm(readers: number): void;
}

export function gatedReads(store: EventStore): ReadGate {
  let waiting = 0;
  let arrived: (() => void)[] = [];
  async function* readStream(stream: string, options?: ReadStreamOptions): AsyncGenerator<RecordedEvent> {
    yield* store.readStream(stream, options);
    if (waiting === 0) return;
    waiting -= 1;
    const allRead = new Promise<void>((resolve) => arrived.push(resolve));
    if (waiting === 0) {
      arrived.forEach((resolve) => resolve());
      arrived = [];
    }
    await allRead;
  }
  return {
    arm(readers) {
      waiting = readers;
    },
    store: {
      append: (...args) => store.append(...args),
      readStream,
      readAll: (options) => store.readAll(options),
      subscribeToAll: (options) => store.subscribeToAll(options),
      headPosition: () => store.headPosition(),
      verify: (stream) => store.verify(stream),
      close: () => store.close(),
    },
  };
}
