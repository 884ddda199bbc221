// Structured logs (pino). Child loggers carry the correlation id of the work they log.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'roadledger'): Logger {
  return pino({ name, level, base: { service: name } });
}

export function withCorrelation(logger: Logger, correlationId: string): Logger {
  return logger.child({ correlationId });
}
