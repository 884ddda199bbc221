// The scheduled expiry process: catches up the review deadlines, then sends ExpireInfraction
// for every infraction still DETECTED past its deadline. Each command's id is derived from
// the infraction (`expire-<id>`), so a second run, or a second instance at the same time,
// finds its command already applied (or its event ids already stored) and appends nothing.
import type { CommandBus } from '@nestjs/cqrs';
import type pg from 'pg';
import type { Logger } from '../../app/logger.js';
import type { ExpireInfraction } from '../../domain/infraction/commands.js';
import { isDomainError } from '../../domain/shared/errors.js';
import type { EventStore } from '../../event-store/port.js';
import { ExpireInfractionCommand } from '../expire-infraction/command.js';
import { isCommandConflict } from '../runner/errors.js';
import { catchUpReviewDeadlines, migrateReviewDeadlines, overdueInfractions } from './review-deadlines.js';

export interface ExpiryRun {
  overdue: number;
  expired: number;
  /** Already expired by an earlier run or another instance. */
  alreadyDone: number;
  /** Refused: the infraction left DETECTED since the read model last saw it. */
  refused: number;
}

export interface ExpiryProcessOptions {
  bus: CommandBus;
  store: EventStore;
  pool: pg.Pool;
  logger: Logger;
  /** Name of the service actor on the events, e.g. `expiry`. */
  serviceName?: string;
}

export const expiryCommandId = (infractionId: string): string => `expire-${infractionId}`;

export class ExpiryProcess {
  constructor(private readonly options: ExpiryProcessOptions) {}

  migrate(): Promise<void> {
    return migrateReviewDeadlines(this.options.pool);
  }

  async runOnce(now: string): Promise<ExpiryRun> {
    const { bus, store, pool, logger } = this.options;
    await catchUpReviewDeadlines(pool, store);
    const overdue = await overdueInfractions(pool, now);
    const run: ExpiryRun = { overdue: overdue.length, expired: 0, alreadyDone: 0, refused: 0 };
    for (const infractionId of overdue) {
      const commandId = expiryCommandId(infractionId);
      const command: ExpireInfraction = {
        type: 'ExpireInfraction',
        data: { infractionId },
        metadata: { commandId, correlationId: commandId, actor: { kind: 'service', name: this.options.serviceName ?? 'expiry' }, now },
      };
      try {
        const outcome = await bus.execute(new ExpireInfractionCommand(command));
        if (outcome.duplicate || outcome.events.length === 0) run.alreadyDone += 1;
        else run.expired += 1;
      } catch (error) {
        if (!isDomainError(error) && !isCommandConflict(error)) throw error;
        run.refused += 1;
        logger.info({ infractionId, code: error.code }, 'expiry refused');
      }
    }
    logger.info({ now, ...run }, 'expiry run');
    return run;
  }

  /** Runs every `intervalMs` (never two runs of this instance at once); returns a stop function. */
  schedule(intervalMs: number, clock: () => string = () => new Date().toISOString()): () => Promise<void> {
    let current: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      current = current.then(() => this.runOnce(clock())).catch((error: unknown) => this.options.logger.error({ err: error }, 'expiry run failed'));
    }, intervalMs);
    return async () => {
      clearInterval(timer);
      await current;
    };
  }
}
