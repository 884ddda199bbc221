import { describe, expect, it } from 'vitest';
import { FinishingQueue } from './finishing-queue.js';

/** A job the test finishes by hand, recording when it started. */
class Gate<T> {
  started = false;
  private settle: { resolve: (value: T) => void; reject: (error: unknown) => void } | null = null;
  readonly job = () =>
    new Promise<T>((resolve, reject) => {
      this.started = true;
      this.settle = { resolve, reject };
    });
  open(value: T): void {
    this.settle!.resolve(value);
  }
  fail(error: unknown): void {
    this.settle!.reject(error);
  }
}

const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('finishing queue', () => {
  it('lets the caller go on while a job is still running', async () => {
    const delivered: string[] = [];
    const queue = new FinishingQueue<string>((value) => void delivered.push(value));
    const slow = new Gate<string>();
    await queue.add(slow.job);
    await queue.add(() => Promise.resolve('quick'));
    expect([slow.started, queue.running, queue.waiting, delivered]).toEqual([true, 1, 1, []]);
    slow.open('slow');
    await queue.drain();
    expect(delivered).toEqual(['slow', 'quick']);
  });

  it('makes the caller wait once maxWaiting jobs wait, and never holds more', async () => {
    const queue = new FinishingQueue<number>(() => undefined, { concurrency: 1, maxWaiting: 2 });
    const gates = [0, 1, 2, 3].map(() => new Gate<number>());
    for (const gate of gates.slice(0, 3)) await queue.add(gate.job);
    expect([queue.running, queue.waiting]).toEqual([1, 2]);
    let fourthAdded = false;
    const fourth = queue.add(gates[3]!.job).then(() => (fourthAdded = true));
    await turn();
    expect(fourthAdded).toBe(false);
    gates[0]!.open(0);
    await fourth;
    expect([queue.running, queue.waiting, gates[1]!.started]).toEqual([1, 2, true]);
    for (const gate of gates.slice(1)) {
      await turn();
      gate.open(1);
    }
    await queue.drain();
    const figures = queue.report();
    expect(figures).toMatchObject({ jobs: 4, peakWaiting: 2 });
    expect(figures.blockedMs).toBeGreaterThan(0);
  });

  it('runs the waiting jobs side by side once the caller drains (its own work is over)', async () => {
    const delivered: string[] = [];
    const queue = new FinishingQueue<string>((value) => void delivered.push(value), { concurrency: 1, drainConcurrency: 2 });
    const gates = [0, 1, 2].map(() => new Gate<string>());
    for (const gate of gates) await queue.add(gate.job);
    expect(gates.map((gate) => gate.started)).toEqual([true, false, false]);
    const drained = queue.drain();
    await turn();
    expect([queue.running, gates[1]!.started, gates[2]!.started]).toEqual([2, true, false]);
    gates[1]!.open('b');
    gates[0]!.open('a');
    await turn();
    gates[2]!.open('c');
    await drained;
    expect(delivered).toEqual(['a', 'b', 'c']);
  });

  it('still delivers a job added before a failing one, when the later one fails first beside it', async () => {
    const delivered: string[] = [];
    const queue = new FinishingQueue<string>((value) => void delivered.push(value), { concurrency: 2 });
    const [earlier, failing, after] = [0, 1, 2].map(() => new Gate<string>());
    for (const gate of [earlier!, failing!, after!]) await queue.add(gate.job);
    failing!.fail(new Error('disk full'));
    await turn();
    expect(after!.started).toBe(false);
    earlier!.open('earlier');
    await expect(queue.drain()).rejects.toThrow('disk full');
    expect([delivered, after!.started]).toEqual([['earlier'], false]);
  });

  it('delivers in the order jobs were added, whichever finishes first', async () => {
    const delivered: string[] = [];
    const queue = new FinishingQueue<string>((value) => void delivered.push(value), { concurrency: 3 });
    const [first, second, third] = [new Gate<string>(), new Gate<string>(), new Gate<string>()];
    for (const gate of [first, second, third]) await queue.add(gate.job);
    third.open('third');
    second.open('second');
    await turn();
    expect(delivered).toEqual([]);
    first.open('first');
    await queue.drain();
    expect(delivered).toEqual(['first', 'second', 'third']);
  });

  it('surfaces a failed job to the next add, drops the jobs not started and delivers nothing after it', async () => {
    const delivered: string[] = [];
    const queue = new FinishingQueue<string>((value) => void delivered.push(value), { concurrency: 1, maxWaiting: 3 });
    const failing = new Gate<string>();
    const notStarted = new Gate<string>();
    await queue.add(() => Promise.resolve('before'));
    await queue.add(failing.job);
    await queue.add(notStarted.job);
    await turn();
    failing.fail(new Error('ffmpeg could not cut a clip'));
    await turn();
    expect(() => queue.check()).toThrow('ffmpeg could not cut a clip');
    await expect(queue.add(() => Promise.resolve('after'))).rejects.toThrow('ffmpeg could not cut a clip');
    await expect(queue.drain()).rejects.toThrow('ffmpeg could not cut a clip');
    expect([delivered, notStarted.started]).toEqual([['before'], false]);
  });

  it('fails the drain when a delivery (the publish) fails', async () => {
    const queue = new FinishingQueue<string>(() => Promise.reject(new Error('broker down')));
    await queue.add(() => Promise.resolve('passage'));
    await expect(queue.drain()).rejects.toThrow('broker down');
  });

  it('on abandon, waits for the running job but starts and delivers nothing more', async () => {
    const delivered: string[] = [];
    const queue = new FinishingQueue<string>((value) => void delivered.push(value), { concurrency: 1 });
    const running = new Gate<string>();
    const waiting = new Gate<string>();
    await queue.add(running.job);
    await queue.add(waiting.job);
    let abandoned = false;
    const abandoning = queue.abandon().then(() => (abandoned = true));
    await turn();
    expect(abandoned).toBe(false);
    running.open('running');
    await abandoning;
    expect([delivered, waiting.started, queue.running]).toEqual([[], false, 0]);
  });

  it('refuses a bound that is not a whole number of at least 1', () => {
    expect(() => new FinishingQueue(() => undefined, { maxWaiting: 0 })).toThrow(/maxWaiting/);
    expect(() => new FinishingQueue(() => undefined, { concurrency: 1.5 })).toThrow(/concurrency/);
  });
});
