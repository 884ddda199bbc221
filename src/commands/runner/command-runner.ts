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
import type { DomainEvent } from '../../domain/shared/message.js';
import { EVENT_STORE, type EventStore } from '../../event-store/port.js';
import type { OutcomeOf } from './command-message.js';
import { runCommand } from './run-command.js';

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
}

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

  get infractionPolicy(): InfractionPolicy {
    return this.policies.infraction;
  }

  /** Reads a stream through the same store (e.g. the fine schedule an IssueFine needs). */
  get eventStore(): EventStore {
    return this.store;
  }

  /** `decide` replaces the aggregate's own (for a command that needs more than its stream). */
  async run<C extends DomainCommand>(command: C, decide?: AnyDecider['decide']): Promise<OutcomeOf<C>> {
    const started = process.hrtime.bigint();
    const log = withCorrelation(this.logger, command.metadata.correlationId);
    let outcome = 'error';
    try {
      authorise(command);
      const route = this.route(command);
      const decider = decide ? { ...route.decider, decide } : route.decider;
      const result = await runCommand({ store: this.store, decider, streamName: route.stream, command, maxAttempts: this.policies.maxAttempts });
      outcome = result.duplicate ? 'duplicate' : result.events.length === 0 ? 'no_change' : 'applied';
      log.debug({ command: command.type, commandId: command.metadata.commandId, stream: route.stream, outcome, attempts: result.attempts }, 'command run');
      return result as OutcomeOf<C>;
    } catch (error) {
      outcome = (error as { code?: string }).code ?? 'error';
      log.info({ command: command.type, commandId: command.metadata.commandId, outcome }, 'command refused');
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
        return { decider: observationDecider as AnyDecider, stream: observationsStream(command.data.deviceId, command.data.observedAt) };
      case 'RecordHeartbeat':
        return { decider: observationDecider as AnyDecider, stream: observationsStream(command.data.deviceId, command.data.at) };
      default:
        throw new Error(`No aggregate routes command ${command.type}`);
    }
  }
}
