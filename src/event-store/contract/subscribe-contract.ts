// Subscriptions to the whole log: from the start, the middle and the end, restarted from
// a checkpoint, filtered; each catches up and then goes live without a gap or a repeat.
import { expect, it } from 'vitest';
import type { EventStore } from '../port.js';
import { aStream, collect, ids, someEvents, take } from './builders.js';
import { expectIncreasing, untilHeadReaches } from './read-contract.js';

export function subscribeContract(store: () => EventStore): void {
  it('catches up from the start and goes live without a gap or a repeat', async () => {
    const stream = aStream('sub');
    const before = someEvents(3);
    const after = someEvents(3);
    await store().append(stream, before, 'no_stream');
    const subscription = store().subscribeToAll({ filter: { streamPrefixes: [stream] } });
    const received = take(subscription, 6);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await store().append(stream, after.slice(0, 1), 2);
    await store().append(stream, after.slice(1), 3);
    const events = await received;
    expect(ids(events)).toEqual(ids([...before, ...after]));
    expectIncreasing(events);
  });

  it('starts after a position in the middle of the log', async () => {
    const stream = aStream('sub');
    const events = someEvents(5);
    await store().append(stream, events, 'no_stream');
    const stored = await collect(store().readStream(stream));
    const subscription = store().subscribeToAll({ fromPosition: stored[1]!.position, filter: { streamPrefixes: [stream] } });
    expect(ids(await take(subscription, 3))).toEqual(ids(events.slice(2)));
  });

  it('starts from the end: only events appended after it began', async () => {
    const stream = aStream('sub');
    const { position } = await store().append(stream, someEvents(2), 'no_stream');
    await untilHeadReaches(store(), position);
    const subscription = store().subscribeToAll({ fromPosition: 'end', filter: { streamPrefixes: [stream] } });
    const received = take(subscription, 2);
    // Let the subscription fix its starting point before the next append.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const later = someEvents(2);
    await store().append(stream, later, 1);
    expect(ids(await received)).toEqual(ids(later));
  });

  it('restarts from its last checkpoint without repeating or skipping', async () => {
    const stream = aStream('sub');
    const events = someEvents(8);
    await store().append(stream, events.slice(0, 4), 'no_stream');
    const firstRun = await take(store().subscribeToAll({ filter: { streamPrefixes: [stream] } }), 3);
    const checkpoint = firstRun.at(-1)!.position;
    await store().append(stream, events.slice(4), 3);
    const secondRun = await take(store().subscribeToAll({ fromPosition: checkpoint, filter: { streamPrefixes: [stream] } }), 5);
    expect([...ids(firstRun), ...ids(secondRun)]).toEqual(ids(events));
  });

  it('delivers only the event types asked for', async () => {
    const stream = aStream('sub');
    await store().append(stream, [...someEvents(2, 'PlateCorrected'), ...someEvents(1, 'InfractionValidated')], 'no_stream');
    const subscription = store().subscribeToAll({
      filter: { streamPrefixes: [stream], eventTypes: ['InfractionValidated'] },
    });
    const [event] = await take(subscription, 1);
    expect(event).toMatchObject({ type: 'InfractionValidated', revision: 2 });
  });

  it('ends the iteration when closed while waiting for events', async () => {
    const subscription = store().subscribeToAll({ fromPosition: 'end', filter: { streamPrefixes: [aStream('idle')] } });
    const iteration = collect(subscription);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await subscription.close();
    expect(await iteration).toEqual([]);
  });
}
