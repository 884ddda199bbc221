// A real command side for integration tests: a fresh PostgreSQL database, the PostgreSQL
// event store on it, and the Nest write-side module, reached through its CommandBus.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { INestApplicationContext } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres.js';
import { WriteSideModule } from '../../app/write-side.module.js';
import type { Actor } from '../../domain/shared/actor.js';
import type { Command } from '../../domain/shared/message.js';
import type { EventStore } from '../../event-store/port.js';
import { PostgresEventStore, type PostgresEventStoreOptions } from '../../event-store/postgres/postgres-event-store.js';
import { PersonalDataVault } from '../../personal-data/personal-data-vault.js';
import { DEFAULT_WRITE_SIDE_POLICIES, type WriteSidePolicies } from '../runner/command-runner.js';

export interface WriteSide {
  bus: CommandBus;
  store: PostgresEventStore;
  vault: PersonalDataVault;
  db: TestDatabase;
  app: INestApplicationContext;
  close(): Promise<void>;
}

export async function startWriteSide(
  options: {
    policies?: WriteSidePolicies;
    store?: Partial<PostgresEventStoreOptions>;
    poolSize?: number;
    /** Wraps the real store the command side uses (e.g. to hold readers at a gate). */
    wrapStore?: (store: EventStore) => EventStore;
  } = {},
): Promise<WriteSide> {
  const db = await createTestDatabase({ poolSize: 2 });
  const store = new PostgresEventStore({ connectionString: db.url, poolSize: options.poolSize ?? 8, ...options.store });
  await store.migrate();
  const app = await NestFactory.createApplicationContext(
    WriteSideModule.forRoot({
      eventStore: options.wrapStore ? options.wrapStore(store) : store,
      personalDataPool: db.pool,
      personalDataSecret: 'integration-test-personal-data-secret',
      policies: options.policies ?? DEFAULT_WRITE_SIDE_POLICIES,
    }),
    { logger: false },
  );
  return {
    bus: app.get(CommandBus),
    store,
    vault: app.get(PersonalDataVault),
    db,
    app,
    async close() {
      await app.close();
      await store.close();
      await db.drop();
    },
  };
}

/** A domain command with fresh ids, decided at `now`. */
export function command<T extends string, D>(type: T, data: D, actor: Actor, now: string, commandId: string = randomUUID()): Command<T, D> {
  return { type, data, metadata: { commandId, correlationId: commandId, actor, now } };
}
