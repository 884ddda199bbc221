import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { stopOnSignals } from './stop-on-signals.js';

const silent = pino({ level: 'silent' });

describe('stopping on SIGTERM', () => {
  let detach: (() => void) | undefined;
  afterEach(() => detach?.());

  it('stops each step in order, once, then exits with 0', async () => {
    const stopped: string[] = [];
    let exitCode: number | undefined;
    const exited = new Promise<void>((resolve) => {
      detach = stopOnSignals(
        silent,
        [{ stop: async () => void stopped.push('writer') }, { stop: async () => void stopped.push('transport') }],
        (code) => {
          exitCode = code;
          resolve();
        },
        ['SIGUSR2'],
      );
    });
    process.emit('SIGUSR2', 'SIGUSR2');
    process.emit('SIGUSR2', 'SIGUSR2');
    await exited;
    expect(stopped).toEqual(['writer', 'transport']);
    expect(exitCode).toBe(0);
  });

  it('still runs the later steps and exits with 1 when a step fails', async () => {
    const stopped: string[] = [];
    const code = await new Promise<number>((resolve) => {
      detach = stopOnSignals(
        silent,
        [{ stop: async () => Promise.reject(new Error('broker gone')) }, { stop: async () => void stopped.push('transport') }],
        resolve,
        ['SIGUSR2'],
      );
      process.emit('SIGUSR2', 'SIGUSR2');
    });
    expect(stopped).toEqual(['transport']);
    expect(code).toBe(1);
  });
});
