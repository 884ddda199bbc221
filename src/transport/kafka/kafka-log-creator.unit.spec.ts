import { logLevel } from 'kafkajs';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { kafkaLogLevelFor, pinoLogCreator } from './kafka-log-creator.js';

function capture(level: string): { logger: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

describe('kafkajs logs routed to pino', () => {
  it("keep kafkajs's message, level, namespace and fields, tagged as kafkajs", async () => {
    const { logger, lines } = capture('info');
    const log = pinoLogCreator(logger)(logLevel.INFO);
    log({
      namespace: 'Runner',
      level: logLevel.WARN,
      label: 'WARN',
      log: { message: 'The group is rebalancing, re-joining', timestamp: '2026-03-01T10:00:00Z', logger: 'kafkajs', groupId: 'writer' },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, msg: 'The group is rebalancing, re-joining', component: 'kafkajs', namespace: 'Runner', groupId: 'writer' });
  });

  it('ask kafkajs for no more detail than pino will print', () => {
    expect(kafkaLogLevelFor(pino({ level: 'warn' }))).toBe(logLevel.WARN);
    expect(kafkaLogLevelFor(pino({ level: 'debug' }))).toBe(logLevel.DEBUG);
    expect(kafkaLogLevelFor(pino({ level: 'silent' }))).toBe(logLevel.NOTHING);
  });
});
