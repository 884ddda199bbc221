// Appending: expected revisions exactly as EventStoreDB defines them, concurrent writers
// on one stream, and idempotent replays by event id.
import { expect, it } from 'vitest';
import { comparePositions, DuplicateEventId, WrongExpectedRevision, type EventStore } from '../port.js';
import { aStream, anEvent, collect, ids, rejection, someEvents } from './builders.js';

export function appendContract(store: () => EventStore, options: { eventIdsUniqueAcrossStreams: boolean }): void {
  it('appends a batch to a new stream and reads it back in order with revisions from 0', async () => {
    const stream = aStream();
    const events = someEvents(3);
    const result = await store().append(stream, events, 'no_stream');
    expect(result.nextRevision).toBe(2);
    const read = await collect(store().readStream(stream));
    expect(read.map((event) => event.revision)).toEqual([0, 1, 2]);
    expect(read.map(({ type, data, metadata }) => ({ type, data, metadata }))).toEqual(events);
    expect(read.every((event) => event.streamName === stream)).toBe(true);
    expect(comparePositions(read[2]!.position, result.position)).toBe(0);
  });

  it('accepts each expectation when it holds', async () => {
    const stream = aStream();
    await store().append(stream, someEvents(1), 'no_stream');
    expect((await store().append(stream, someEvents(1), 0)).nextRevision).toBe(1);
    expect((await store().append(stream, someEvents(1), 'stream_exists')).nextRevision).toBe(2);
    expect((await store().append(stream, someEvents(2), 'any')).nextRevision).toBe(4);
    expect((await store().append(aStream(), someEvents(1), 'any')).nextRevision).toBe(0);
  });

  it.each([
    ['no_stream on an existing stream', 'no_stream', true, 0],
    ['a revision behind the head', 0, true, 1],
    ['a revision past the head', 5, true, 1],
    ['a revision on a missing stream', 0, false, -1],
    ['stream_exists on a missing stream', 'stream_exists', false, -1],
  ] as const)('refuses %s with the actual revision', async (_, expected, exists, actual) => {
    const stream = aStream();
    if (exists) await store().append(stream, someEvents(actual + 1), 'no_stream');
    const error = await rejection(store().append(stream, someEvents(1), expected));
    expect(error).toBeInstanceOf(WrongExpectedRevision);
    expect(error).toMatchObject({ stream, expected, actual });
  });

  it('lets exactly one of two concurrent appends with the same expectation win', async () => {
    for (let round = 0; round < 10; round += 1) {
      const stream = aStream();
      await store().append(stream, someEvents(1), 'no_stream');
      const outcomes = await Promise.allSettled([
        store().append(stream, someEvents(2), 0),
        store().append(stream, someEvents(2), 0),
      ]);
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toBeInstanceOf(WrongExpectedRevision);
      expect(lost[0]).toMatchObject({ actual: 2 });
      expect(await collect(store().readStream(stream))).toHaveLength(3);
    }
  });

  it('gives concurrent appends with any distinct revisions and an unbroken chain', async () => {
    const stream = aStream();
    const results = await Promise.all(Array.from({ length: 20 }, () => store().append(stream, someEvents(1), 'any')));
    expect(results.map((result) => result.nextRevision).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, index) => index),
    );
    expect(await store().verify(stream)).toMatchObject({ ok: true, events: 20 });
  });

  it('treats a replay of the same events with the same expectation as done, writing nothing', async () => {
    const stream = aStream();
    const first = someEvents(2);
    const original = await store().append(stream, first, 'no_stream');
    expect(await store().append(stream, first, 'no_stream')).toEqual(original);
    const second = someEvents(2);
    const next = await store().append(stream, second, 1);
    await store().append(stream, someEvents(1), 3);
    expect(await store().append(stream, second, 1)).toEqual(next);
    expect(await store().append(stream, second, 'any')).toEqual(next);
    expect(ids(await collect(store().readStream(stream)))).toHaveLength(5);
  });

  it('refuses a replay that only partly matches what is stored', async () => {
    const stream = aStream();
    const [a, b] = someEvents(2);
    await store().append(stream, [a!, b!], 'no_stream');
    const error = await rejection(store().append(stream, [a!, anEvent()], 'no_stream'));
    expect(error).toBeInstanceOf(WrongExpectedRevision);
    expect(ids(await collect(store().readStream(stream)))).toEqual(ids([a!, b!]));
  });

  it.skipIf(!options.eventIdsUniqueAcrossStreams)('refuses an event id already stored in another stream', async () => {
    const event = anEvent();
    await store().append(aStream(), [event], 'no_stream');
    const error = await rejection(store().append(aStream(), [event], 'any'));
    expect(error).toBeInstanceOf(DuplicateEventId);
  });
}
