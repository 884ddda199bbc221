// kafkajs logs through its own logCreator; route it into our pino logger so broker trouble
// shows up in the same structured stream, with kafkajs's namespace as a field.
import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';

export function pinoLogCreator(logger: Logger): logCreator {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, logger: _name, ...fields } = log;
      const entry = { namespace, ...fields };
      switch (level) {
        case logLevel.ERROR:
          return kafkaLogger.error(entry, message);
        case logLevel.WARN:
          return kafkaLogger.warn(entry, message);
        case logLevel.INFO:
          return kafkaLogger.info(entry, message);
        case logLevel.DEBUG:
          return kafkaLogger.debug(entry, message);
        default:
          return undefined;
      }
    };
}

/** kafkajs filters before calling the creator; tell it the most verbose level pino will print. */
export function kafkaLogLevelFor(logger: Logger): logLevel {
  if (logger.isLevelEnabled('debug')) return logLevel.DEBUG;
  if (logger.isLevelEnabled('info')) return logLevel.INFO;
  if (logger.isLevelEnabled('warn')) return logLevel.WARN;
  if (logger.isLevelEnabled('error')) return logLevel.ERROR;
  return logLevel.NOTHING;
}
