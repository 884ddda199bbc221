import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../event-store/port.js';
import { EventBuffer } from './event-buffer.js';

const event = (n: number): RecordedEvent => ({ type: 'T', data: { n }, position: { commit: 1n, prepare: BigInt(n) } }) as unknown as RecordedEvent;

async function* source(count: number, options: { pauseAfter?: number; pauseMs?: number; failAfter?: number } = {}): AsyncGenerator<RecordedEvent> {
  for (let n = 1; n <= count; n++) {
    if (n === options.failAfter) throw new Error('connection lost');
    if (n === options.pauseAfter) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    yield event(n);
  }
}

const numbers = (batch: RecordedEvent[] | null): number[] | null => batch && batch.map((e) => (e.data as { n: number }).n);

describe('EventBuffer', () => {
  it('hands out full batches in order, then the rest, then null at the end', async () => {
    const buffer = new EventBuffer(source(5), 100);
    expect(numbers(await buffer.take(2, 1000))).toEqual([1, 2]);
    expect(numbers(await buffer.take(2, 1000))).toEqual([3, 4]);
    expect(numbers(await buffer.take(2, 10))).toEqual([5]);
    expect(await buffer.take(2, 10)).toBeNull();
  });

  it('closes a short batch when the window passes, without waiting for slow events', async () => {
    const buffer = new EventBuffer(source(4, { pauseAfter: 3, pauseMs: 500 }), 100);
    const started = Date.now();
    expect(numbers(await buffer.take(10, 30))).toEqual([1, 2]);
    expect(Date.now() - started).toBeLessThan(400);
    expect(numbers(await buffer.take(10, 1000))).toEqual([3, 4]);
  });

  it('delivers what it read before a failure, then throws it', async () => {
    const buffer = new EventBuffer(source(5, { failAfter: 3 }), 100);
    expect(numbers(await buffer.take(10, 20))).toEqual([1, 2]);
    await expect(buffer.take(10, 20)).rejects.toThrow('connection lost');
  });

  it('holds what `retain` keeps of each event, in order', async () => {
    const buffer = new EventBuffer(source(4), 100, (e) => ((e.data as { n: number }).n % 2 === 0 ? e : { ...e, data: null }));
    const batch = await buffer.take(4, 1000);
    expect(batch!.map((e) => e.data)).toEqual([null, { n: 2 }, null, { n: 4 }]);
    expect(batch!.map((e) => e.position.prepare)).toEqual([1n, 2n, 3n, 4n]);
  });
});
