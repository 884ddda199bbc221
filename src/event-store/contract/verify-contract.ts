// Tamper evidence through the port: every stored event carries a hash over its content
// chained to its predecessor, and verify() recomputes the chain.
import { expect, it } from 'vitest';
import { eventHash, GENESIS_HASH } from '../hash-chain.js';
import type { EventStore } from '../port.js';
import { aStream, collect, someEvents } from './builders.js';

export function verifyContract(store: () => EventStore): void {
  it('chains each event to the previous hash of its stream, from the genesis hash', async () => {
    const stream = aStream('chain');
    await store().append(stream, someEvents(2), 'no_stream');
    await store().append(stream, someEvents(1), 1);
    const events = await collect(store().readStream(stream));
    expect(events[0]!.previousHash).toBe(GENESIS_HASH);
    for (const [index, event] of events.entries()) {
      if (index > 0) expect(event.previousHash).toBe(events[index - 1]!.hash);
      expect(event.hash).toBe(eventHash({ stream, ...event }));
    }
  });

  it('verifies an untouched stream and reports its last hash', async () => {
    const stream = aStream('chain');
    await store().append(stream, someEvents(4), 'no_stream');
    const last = (await collect(store().readStream(stream, { direction: 'backwards', maxCount: 1 })))[0]!;
    expect(await store().verify(stream)).toEqual({ ok: true, stream, events: 4, lastHash: last.hash });
  });
}
