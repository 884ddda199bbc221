// The command side's one service: routes a domain command to its aggregate's decider and
// stream, refuses a role before any I/O, runs it, and counts and times the outcome.
import { Inject, Injectable, Optional } from '@nestjs/common';
import { register, Counter, Histogram } from 'prom-client';
import { createLogger, withCorrelation, type Logger } from '../../app/logger.js';
import { authorise } from '../../domain/authorisation.js';
import type { DomainCommand } from '../../domain/commands.js';
import { DEVICE_COMMAND_TYPES } from '../../domain/device/commands.js';
import { createDeviceDecider, DEFAULT_DEVICE_POLICY, type DevicePolicy } from '../../domain/device/decide.js';
import { deviceStream } from '../../domain/device/events.js';
import { fineScheduleDecider } from '../../domain/fine-schedule/decide.js';
import { FINE_SCHEDULE_STREAM } from '../../domain/fine-schedule/events.js';
import { INFRACTION_COMMAND_TYPES } from '../../domain/infraction/commands.js';
import { createInfractionDecider } from '../../domain/infraction/decide.js';
import { infractionStream } from '../../domain/infraction/events.js';
import { DEFAULT_INFRACTION_POLICY, type InfractionPolicy } from '../../domain/infraction/policy.js';
import { observationDecider } from '../../domain/observation/decide.js';
import { observationsStream } from '../../domain/observation/events.js';
import { ZONE_COMMAND_TYPES } from '../../domain/zone/commands.js';
import { createZoneDecider, DEFAULT_ZONE_POLICY, type ZonePolicy } from '../../domain/zone/decide.js';
import { zoneStream } from '../../domain/zone/events.js';
import type { Decider } from '../../domain/shared/decider.js';
import type { Command, DomainEvent } from '../../domain/shared/message.js';
import { EVENT_STORE, StreamNotFound, type EventStore } from '../../event-store/port.js';
import { appendBlind } from './append-blind.js';
import type { OutcomeOf, StateOf } from './command-message.js';
import { runCommand, type CommandOutcome } from './run-command.js';

export interface WriteSidePolicies {
  infraction: InfractionPolicy;
  device: DevicePolicy;
  zone: ZonePolicy;
  /** Bound on re-reading and deciding again after a concurrent write. */
  maxAttempts: number;
}

export const DEFAULT_WRITE_SIDE_POLICIES: WriteSidePolicies = {
  infraction: DEFAULT_INFRACTION_POLICY,
  device: DEFAULT_DEVICE_POLICY,
  zone: DEFAULT_ZONE_POLICY,
  maxAttempts: 5,
};

export const WRITE_SIDE_POLICIES = Symbol('WriteSidePolicies');
export const WRITE_SIDE_LOGGER = Symbol('WriteSideLogger');

type AnyDecider = Decider<DomainCommand, DomainEvent, unknown>;
interface Route {
  decider: AnyDecider;
  stream: string;
  /** Append without reading the stream first (see append-blind.ts). */
  blind?: boolean;
}

/** Commands that almost always create their stream. */
const CREATING: ReadonlySet<string> = new Set(['RecordInfractionDetected', 'RegisterDevice', 'RegisterZone']);
const infractionTypes: ReadonlySet<string> = new Set(INFRACTION_COMMAND_TYPES);
const deviceTypes: ReadonlySet<string> = new Set(DEVICE_COMMAND_TYPES);
const zoneTypes: ReadonlySet<string> = new Set(ZONE_COMMAND_TYPES);

const commandsTotal = (register.getSingleMetric('roadledger_commands_total') ??
  new Counter({ name: 'roadledger_commands_total', help: 'Commands run, by type and outcome', labelNames: ['command', 'outcome'] })) as Counter<'command' | 'outcome'>;
const commandSeconds = (register.getSingleMetric('roadledger_command_duration_seconds') ??
  new Histogram({
    name: 'roadledger_command_duration_seconds',
    help: 'Time to run a command, from authorisation to append',
    labelNames: ['command'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  })) as Histogram<'command'>;

@Injectable()
export class CommandRunner {
  private readonly deciders: { infraction: AnyDecider; device: AnyDecider; zone: AnyDecider };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WRITE_SIDE_POLICIES) private readonly policies: WriteSidePolicies,
    @Optional() @Inject(WRITE_SIDE_LOGGER) private readonly logger: Logger = createLogger('warn', 'commands'),
  ) {
    this.deciders = {
      infraction: createInfractionDecider(policies.infraction) as AnyDecider,
      device: createDeviceDecider(policies.device) as AnyDecider,
      zone: createZoneDecider(policies.zone) as AnyDecider,
    };
  }

  /** Folds a whole stream (e.g. the fine schedule an IssueFine reads); an absent stream is the initial state. */
  async fold<S>(streamName: string, decider: Pick<Decider<never, DomainEvent, S>, 'evolve' | 'initialState'>): Promise<S> {
    let state = decider.initialState;
    try {
      for await (const event of this.store.readStream(streamName)) state = decider.evolve(state, event);
    } catch (error) {
      if (!(error instanceof StreamNotFound)) throw error;
    }
    return state;
  }

  /**
   * `complete` fills in, from the loaded state, what the command needs beyond its own data
   * (e.g. the fine schedule version in force at the infraction's time); it runs on every attempt.
   */
  run<C extends DomainCommand>(command: C, complete?: (command: C, state: StateOf<C>) => C): Promise<OutcomeOf<C>> {
    return this.measured(command, async () => {
      authorise(command);
      const route = this.route(command);
      const decider = complete
        ? { ...route.decider, decide: (c: DomainCommand, state: unknown) => route.decider.decide(complete(c as C, state as StateOf<C>), state) }
        : route.decider;
      if (route.blind) return (await appendBlind(this.store, decider, route.stream, command)) as OutcomeOf<C>;
      return (await this.runCommand(decider, route.stream, command)) as OutcomeOf<C>;
    });
  }

  /** A command of the command side's own, outside the domain's aggregates (e.g. erasure); `check` authorises it. */
  runOn<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamName: string, command: C, check: () => void): Promise<CommandOutcome<S>> {
    return this.measured(command, async () => {
      check();
      return this.runCommand(decider, streamName, command);
    });
  }

  private runCommand<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamName: string, command: C): Promise<CommandOutcome<S>> {
    const expectNewStream = CREATING.has(command.type);
    return runCommand({ store: this.store, decider, streamName, command, maxAttempts: this.policies.maxAttempts, expectNewStream });
  }

  private async measured<R extends CommandOutcome<unknown>>(command: Command, work: () => Promise<R>): Promise<R> {
    const started = process.hrtime.bigint();
    // A child logger per command costs more than the rest of the bookkeeping: make it only to log.
    const log = () => withCorrelation(this.logger, command.metadata.correlationId);
    const context = { command: command.type, commandId: command.metadata.commandId };
    let outcome = 'error';
    try {
      const result = await work();
      outcome = result.duplicate ? 'duplicate' : result.events.length === 0 ? 'no_change' : 'applied';
      if (this.logger.isLevelEnabled('debug')) log().debug({ ...context, stream: result.streamName, outcome, attempts: result.attempts }, 'command run');
      return result;
    } catch (error) {
      outcome = (error as { code?: string }).code ?? 'error';
      log().info({ ...context, outcome, err: outcome === 'error' ? error : undefined }, 'command refused');
      throw error;
    } finally {
      commandsTotal.inc({ command: command.type, outcome });
      commandSeconds.observe({ command: command.type }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  private route(command: DomainCommand): Route {
    if (infractionTypes.has(command.type)) {
      return { decider: this.deciders.infraction, stream: infractionStream((command.data as { infractionId: string }).infractionId) };
    }
    if (deviceTypes.has(command.type)) {
      return { decider: this.deciders.device, stream: deviceStream((command.data as { deviceId: string }).deviceId) };
    }
    if (zoneTypes.has(command.type)) {
      return { decider: this.deciders.zone, stream: zoneStream((command.data as { zoneId: string }).zoneId) };
    }
    switch (command.type) {
      case 'PublishFineSchedule':
        return { decider: fineScheduleDecider as AnyDecider, stream: FINE_SCHEDULE_STREAM };
      case 'RecordObservation':
        return { decider: observationDecider as AnyDecider, stream: observationsStream(command.data.deviceId, command.data.observedAt), blind: true };
      case 'RecordHeartbeat':
        return { decider: observationDecider as AnyDecider, stream: observationsStream(command.data.deviceId, command.data.at) };
      default:
        throw new Error(`No aggregate routes command ${command.type}`);
    }
  }
}
