// SIGTERM / SIGINT stop the writer cleanly: the running batch finishes or is abandoned
// uncommitted, the group is left, connections close, and only then the process exits.
import type { Logger } from 'pino';

export interface Stoppable {
  stop(): Promise<void>;
}

export function stopOnSignals(
  logger: Logger,
  steps: readonly Stoppable[],
  exit: (code: number) => void = (code) => process.exit(code),
  signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'],
): () => void {
  let stopping: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    logger.info({ signal }, 'stopping on signal');
    stopping = (async () => {
      let code = 0;
      for (const step of steps) {
        try {
          await step.stop();
        } catch (error) {
          code = 1;
          logger.error({ err: error }, 'clean stop failed');
        }
      }
      exit(code);
    })();
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
