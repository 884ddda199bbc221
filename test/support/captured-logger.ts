// A real pino logger whose lines are kept as parsed objects, for specs that assert what an
// operator reads in the log (level, message, the fields it names).
import { Writable } from 'node:stream';
import { pino, type Logger, type LevelWithSilent } from 'pino';

export function capturedLogger(level: LevelWithSilent = 'info'): { lines: Record<string, unknown>[]; logger: Logger } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level }, sink) };
}
