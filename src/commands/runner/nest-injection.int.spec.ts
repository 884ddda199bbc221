// Nest's injection and the CommandBus work under Vitest in this ESM setup: a module built
// with NestFactory.createApplicationContext routes a command class to its handler, which reaches the
// real event store through explicitly injected tokens.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EVENT_STORE } from '../../event-store/port.js';
import { PostgresEventStore } from '../../event-store/postgres/postgres-event-store.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres.js';
import { ValidateInfractionCommand } from '../validate-infraction/command.js';
import { ValidateInfractionHandler } from '../validate-infraction/handler.js';
import { CommandRunner, DEFAULT_WRITE_SIDE_POLICIES, WRITE_SIDE_POLICIES } from './command-runner.js';

let db: TestDatabase;
let store: PostgresEventStore;

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore({ connectionString: db.url, poolSize: 2 });
  await store.migrate();
});
afterAll(async () => {
  await store?.close();
  await db?.drop();
});

it('executes a command through the CommandBus of a Nest application context', async () => {
  @Module({
    imports: [CqrsModule.forRoot()],
    providers: [
      { provide: EVENT_STORE, useValue: store },
      { provide: WRITE_SIDE_POLICIES, useValue: DEFAULT_WRITE_SIDE_POLICIES },
      CommandRunner,
      ValidateInfractionHandler,
    ],
  })
  class SmokeModule {}
  const app = await NestFactory.createApplicationContext(SmokeModule, { logger: false });
  const bus = app.get(CommandBus);
  const command = new ValidateInfractionCommand({
    type: 'ValidateInfraction',
    data: { infractionId: 'nowhere' },
    metadata: { commandId: 'c1', correlationId: 'c1', actor: { kind: 'user', userId: 'ana', role: 'operator' }, now: '2026-01-01T00:00:00.000Z' },
  });
  // The handler ran, loaded the (empty) stream and the decider refused: injection works end to end.
  await expect(bus.execute(command)).rejects.toMatchObject({ code: 'INFRACTION_NOT_FOUND' });
  await app.close();
});
