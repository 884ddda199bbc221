// Reading: a stream forwards and backwards, from a revision, with a limit, a large stream
// streamed page by page, and the whole log in order from a position.
import { expect, it } from 'vitest';
import {
  comparePositions,
  formatPosition,
  START,
  StreamNotFound,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '../port.js';
import { aStream, collect, ids, rejection, someEvents } from './builders.js';

export function readContract(store: () => EventStore): void {
  it('reads a stream backwards from the end, from a revision, and with a limit', async () => {
    const stream = aStream();
    await store().append(stream, someEvents(6), 'no_stream');
    const revisions = async (options: Parameters<EventStore['readStream']>[1]): Promise<number[]> =>
      (await collect(store().readStream(stream, options))).map((event) => event.revision);
    expect(await revisions({ direction: 'backwards' })).toEqual([5, 4, 3, 2, 1, 0]);
    expect(await revisions({ direction: 'backwards', fromRevision: 3, maxCount: 2 })).toEqual([3, 2]);
    expect(await revisions({ direction: 'backwards', maxCount: 1 })).toEqual([5]);
    expect(await revisions({ fromRevision: 4 })).toEqual([4, 5]);
    expect(await revisions({ fromRevision: 1, maxCount: 3 })).toEqual([1, 2, 3]);
    expect(await revisions({ fromRevision: 9 })).toEqual([]);
  });

  it('throws StreamNotFound when reading a stream that has no events', async () => {
    expect(await rejection(collect(store().readStream(aStream())))).toBeInstanceOf(StreamNotFound);
  });

  it('streams a large stream of 5,000 events forwards and backwards, page by page', async () => {
    const stream = aStream('large');
    for (let batch = 0; batch < 10; batch += 1) {
      await store().append(stream, someEvents(500), batch === 0 ? 'no_stream' : batch * 500 - 1);
    }
    let expected = 0;
    for await (const event of store().readStream(stream)) {
      expect(event.revision).toBe(expected);
      expected += 1;
    }
    expect(expected).toBe(5_000);
    let backwards = 5_000;
    for await (const event of store().readStream(stream, { direction: 'backwards' })) {
      backwards -= 1;
      expect(event.revision).toBe(backwards);
    }
    expect(backwards).toBe(0);
  });

  it('reads the whole log in strictly increasing positions, each append in its order', async () => {
    const streams = [aStream('log'), aStream('log')];
    const appended = [];
    for (let round = 0; round < 3; round += 1) {
      for (const stream of streams) appended.push(...someEvents(2).map((event) => ({ stream, event })));
    }
    let last = START;
    for (let index = 0; index < appended.length; index += 2) {
      const { stream } = appended[index]!;
      last = (await store().append(stream, [appended[index]!.event, appended[index + 1]!.event], 'any')).position;
    }
    await untilHeadReaches(store(), last);
    const mine = (await collect(store().readAll())).filter((event) => streams.includes(event.streamName));
    expect(ids(mine)).toEqual(appended.map(({ event }) => event.metadata.eventId));
    expectIncreasing(mine);
  });

  it('reads the log from a position (exclusive) with a limit', async () => {
    const stream = aStream('log');
    const events = someEvents(5);
    await store().append(stream, events.slice(0, 2), 'no_stream');
    await untilHeadReaches(store(), (await store().append(stream, events.slice(2), 1)).position);
    const all = (await collect(store().readAll())).filter((event) => event.streamName === stream);
    const after = await collect(store().readAll({ fromPosition: all[1]!.position, maxCount: 2 }));
    expect(ids(after)).toEqual(ids(all.slice(2, 4)));
  });
}

export function expectIncreasing(events: readonly RecordedEvent[]): void {
  for (let index = 1; index < events.length; index += 1) {
    expect(comparePositions(events[index - 1]!.position, events[index]!.position)).toBe(-1);
  }
}

/**
 * The stable head may trail a commit for a moment (another transaction in the server may
 * still be open, and readAll must not pass it), so wait until it reaches `position`.
 */
export async function untilHeadReaches(store: EventStore, position: Position): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (comparePositions(await store.headPosition(), position) < 0) {
    if (Date.now() > deadline) throw new Error(`the head did not reach ${formatPosition(position)} within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
