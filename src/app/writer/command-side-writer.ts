// The event writer with the real command side behind it, for processes that own no HTTP
// server (the writer's fault tests, bench:pipeline): the Nest write-side module over the
// given event store, the zone directory and the command dispatcher.
//
// Observations are blind, idempotent appends to the device's day stream, so a device's
// run of them is dispatched side by side and the coalescing store turns the run into one
// append (see coalescing-event-store.ts); everything else goes one message at a time.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { INestApplicationContext } from '@nestjs/common';
import type pg from 'pg';
import type { Registry } from 'prom-client';
import { DEFAULT_WRITE_SIDE_POLICIES, type WriteSidePolicies } from '../../commands/runner/command-runner.js';
import { createZoneDecider, type ZonePolicy } from '../../domain/zone/decide.js';
import type { EventStore } from '../../event-store/port.js';
import type { MessageKind } from '../../transport/messages/message-id.js';
import type { Transport } from '../../transport/port.js';
import { EventWriter, type WriterTopics } from '../../transport/writer/event-writer.js';
import type { MessageDispatcher } from '../../transport/writer/message-dispatcher.js';
import type { Logger } from '../logger.js';
import { WriteSideModule } from '../write-side.module.js';
import { CoalescingEventStore } from './coalescing-event-store.js';
import { CommandDispatcher } from './command-dispatcher.js';
import { ZoneDirectory } from './zone-directory.js';

/** Message kinds a device's run of which is dispatched side by side (to be merged by CoalescingEventStore). */
export const OVERLAPPING_KINDS: readonly MessageKind[] = ['observation'];

export interface CommandSideWriterOptions {
  transport: Transport;
  store: EventStore;
  /** Pool on the database of the personal-data keys and the expiry read model. */
  pool: pg.Pool;
  personalDataSecret: string;
  logger: Logger;
  groupId?: string;
  topics?: WriterTopics;
  policies?: WriteSidePolicies;
  keyConcurrency?: number;
  /** Dispatch a device's observations side by side and merge their appends (default true; false for comparisons). */
  mergeObservations?: boolean;
  registry?: Registry;
  /** Wraps the dispatcher (e.g. to record or time what was applied). */
  wrapDispatcher?: (dispatcher: MessageDispatcher) => MessageDispatcher;
}

export interface CommandSideWriter {
  writer: EventWriter;
  bus: CommandBus;
  /** Stops the writer (what is unfinished stays uncommitted), then the command side. */
  stop(): Promise<void>;
}

export interface EventWriterOverCommandBusOptions {
  transport: Transport;
  bus: CommandBus;
  /** Read by the zone directory (a zone's rules and tolerances). */
  store: EventStore;
  zonePolicy: ZonePolicy;
  logger: Logger;
  groupId?: string;
  topics?: WriterTopics;
  keyConcurrency?: number;
  /** Dispatch a device's observations side by side (the bus's store must then merge them, CoalescingEventStore). */
  mergeObservations?: boolean;
  registry?: Registry;
  wrapDispatcher?: (dispatcher: MessageDispatcher) => MessageDispatcher;
}

/** The event writer turning messages into commands on `bus` (not started): the app's and the fault tests'. */
export function eventWriterOverCommandBus(options: EventWriterOverCommandBusOptions): EventWriter {
  const zoneDecider = createZoneDecider(options.zonePolicy);
  const zones = new ZoneDirectory({ store: options.store, evolve: zoneDecider.evolve, initialState: zoneDecider.initialState });
  const dispatcher = new CommandDispatcher(options.bus, zones, options.zonePolicy.tolerances);
  return new EventWriter({
    transport: options.transport,
    dispatcher: options.wrapDispatcher ? options.wrapDispatcher(dispatcher) : dispatcher,
    logger: options.logger,
    groupId: options.groupId,
    topics: options.topics,
    keyConcurrency: options.keyConcurrency,
    overlapKinds: (options.mergeObservations ?? true) ? OVERLAPPING_KINDS : [],
    registry: options.registry,
  });
}

export async function startCommandSideWriter(options: CommandSideWriterOptions): Promise<CommandSideWriter> {
  const policies = options.policies ?? DEFAULT_WRITE_SIDE_POLICIES;
  const merge = options.mergeObservations ?? true;
  const app: INestApplicationContext = await NestFactory.createApplicationContext(
    WriteSideModule.forRoot({ eventStore: merge ? new CoalescingEventStore(options.store) : options.store, personalDataPool: options.pool, personalDataSecret: options.personalDataSecret, policies, logger: options.logger }),
    { logger: false },
  );
  const bus = app.get(CommandBus);
  const writer = eventWriterOverCommandBus({ ...options, bus, zonePolicy: policies.zone, mergeObservations: merge });
  await writer.start();
  return {
    writer,
    bus,
    async stop() {
      await writer.stop();
      await app.close();
    },
  };
}
