// `roadledger start` (what `npm start` runs): the whole system on the configured
// services, or embedded when nothing is configured; Ctrl-C stops everything cleanly.
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startRoadledger } from '../roadledger.js';
import { welcomeText } from '../demo/welcome.js';

export function registerStartCommand(program: Command): void {
  program
    .command('start', { isDefault: true })
    .description('start Roadledger (embedded PostgreSQL, in-process transport and local evidence unless configured otherwise)')
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger(config.LOG_LEVEL);
      const running = await startRoadledger(config, logger);
      process.stdout.write(await welcomeText(running.url, config.JWT_SECRET));
      let stopping = false;
      const stop = async (signal: string): Promise<void> => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'stopping');
        await running.stop();
        logger.info('stopped');
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });
}
