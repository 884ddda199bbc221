// What travels on the Nest CommandBus: one class per command (the bus routes by class),
// wrapping the domain command as plain data and typing the handler's result.
import { Command } from '@nestjs/cqrs';
import type { DomainCommand } from '../../domain/commands.js';
import type { DeviceCommand } from '../../domain/device/commands.js';
import type { DeviceState } from '../../domain/device/decide.js';
import type { FineScheduleCommand } from '../../domain/fine-schedule/commands.js';
import type { FineScheduleState } from '../../domain/fine-schedule/decide.js';
import type { InfractionCommand } from '../../domain/infraction/commands.js';
import type { InfractionState } from '../../domain/infraction/state.js';
import type { ObservationCommand } from '../../domain/observation/commands.js';
import type { ObservationDayState } from '../../domain/observation/decide.js';
import type { ZoneCommand } from '../../domain/zone/commands.js';
import type { ZoneState } from '../../domain/zone/decide.js';
import type { CommandOutcome } from './run-command.js';

/** The state a command's aggregate is left in, by the command's type. */
export type StateOf<C extends DomainCommand> = C extends InfractionCommand
  ? InfractionState
  : C extends DeviceCommand
    ? DeviceState
    : C extends ZoneCommand
      ? ZoneState
      : C extends ObservationCommand
        ? ObservationDayState
        : C extends FineScheduleCommand
          ? FineScheduleState
          : never;

export type OutcomeOf<C extends DomainCommand> = CommandOutcome<StateOf<C>>;

export abstract class CommandMessage<C, R> extends Command<R> {
  constructor(readonly command: C) {
    super();
  }
}

/** A command that goes to its aggregate unchanged. */
export abstract class DomainCommandMessage<C extends DomainCommand> extends CommandMessage<C, OutcomeOf<C>> {}
