// The command side as a Nest module: the CommandBus with every command's handler, the
// runner over the event store, and the personal-data vault. The composition root hands in
// the store and the pool it already owns; policies come from configuration.
import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type pg from 'pg';
import { COMMAND_HANDLERS } from '../commands/command-handlers.js';
import {
  CommandRunner,
  DEFAULT_WRITE_SIDE_POLICIES,
  WRITE_SIDE_LOGGER,
  WRITE_SIDE_POLICIES,
  type WriteSidePolicies,
} from '../commands/runner/command-runner.js';
import { EVENT_STORE, type EventStore } from '../event-store/port.js';
import { PersonalDataVault } from '../personal-data/personal-data-vault.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

export interface WriteSideOptions {
  eventStore: EventStore;
  /** Pool on the database that holds `personal_data_keys` (apart from the events' tables). */
  personalDataPool: pg.Pool;
  personalDataSecret: string;
  policies?: WriteSidePolicies;
  logger?: Logger;
}

export function writeSidePolicies(config: Pick<Config, 'REVIEW_DEADLINE_DAYS' | 'PLATE_CONFIDENCE_THRESHOLD' | 'COMMAND_MAX_ATTEMPTS'>): WriteSidePolicies {
  return {
    ...DEFAULT_WRITE_SIDE_POLICIES,
    infraction: {
      ...DEFAULT_WRITE_SIDE_POLICIES.infraction,
      reviewDeadlineDays: config.REVIEW_DEADLINE_DAYS,
      plateConfidenceThreshold: config.PLATE_CONFIDENCE_THRESHOLD,
    },
    maxAttempts: config.COMMAND_MAX_ATTEMPTS,
  };
}

@Module({})
export class WriteSideModule implements OnModuleInit {
  constructor(@Inject(PersonalDataVault) private readonly vault: PersonalDataVault) {}

  /** The key table is created (if absent) before the first command can need it. */
  onModuleInit(): Promise<void> {
    return this.vault.migrate();
  }

  static forRoot(options: WriteSideOptions): DynamicModule {
    const vault = new PersonalDataVault({ pool: options.personalDataPool, secret: options.personalDataSecret });
    return {
      module: WriteSideModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: EVENT_STORE, useValue: options.eventStore },
        { provide: WRITE_SIDE_POLICIES, useValue: options.policies ?? DEFAULT_WRITE_SIDE_POLICIES },
        ...(options.logger ? [{ provide: WRITE_SIDE_LOGGER, useValue: options.logger }] : []),
        { provide: PersonalDataVault, useValue: vault },
        CommandRunner,
        ...COMMAND_HANDLERS,
      ],
      exports: [CqrsModule, CommandRunner, PersonalDataVault],
    };
  }
}
