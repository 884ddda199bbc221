// The command side as a Nest module: the CommandBus with every command's handler, the
// runner over the event store, and the personal-data vault. The composition root hands in
// the store and the pool it already owns; policies come from configuration.
import { Inject, Module, Optional, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
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
import { ExpiryProcess } from '../commands/expire-infractions/expiry-process.js';
import { createLogger, type Logger } from './logger.js';

export interface WriteSideOptions {
  eventStore: EventStore;
  /** Pool on the database of `personal_data_keys` (apart from the events' tables) and the expiry read model. */
  personalDataPool: pg.Pool;
  personalDataSecret: string;
  policies?: WriteSidePolicies;
  logger?: Logger;
  /** Run the expiry process this often; off when absent (tests, or another instance runs it). */
  expiryIntervalMs?: number;
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

const EXPIRY_INTERVAL_MS = Symbol('ExpiryIntervalMs');

@Module({})
export class WriteSideModule implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private stopExpiry: (() => Promise<void>) | null = null;

  constructor(
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
    @Inject(ExpiryProcess) private readonly expiry: ExpiryProcess,
    @Optional() @Inject(EXPIRY_INTERVAL_MS) private readonly expiryIntervalMs?: number,
  ) {}

  /** The key table and the expiry read model are created (if absent) before the first command needs them. */
  async onModuleInit(): Promise<void> {
    await this.vault.migrate();
    await this.expiry.migrate();
  }

  onApplicationBootstrap(): void {
    if (this.expiryIntervalMs) this.stopExpiry = this.expiry.schedule(this.expiryIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stopExpiry?.();
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
        {
          provide: ExpiryProcess,
          inject: [CommandBus],
          useFactory: (bus: CommandBus) =>
            new ExpiryProcess({ bus, store: options.eventStore, pool: options.personalDataPool, logger: options.logger ?? createLogger('warn', 'expiry') }),
        },
        ...(options.expiryIntervalMs ? [{ provide: EXPIRY_INTERVAL_MS, useValue: options.expiryIntervalMs }] : []),
        CommandRunner,
        ...COMMAND_HANDLERS,
      ],
      exports: [CqrsModule, CommandRunner, PersonalDataVault, ExpiryProcess],
    };
  }
}
