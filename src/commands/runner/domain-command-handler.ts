// The handler every command that goes to its aggregate unchanged shares: each command's
// folder names its own subclass (the bus routes by class), the work is the runner's.
import { Inject } from '@nestjs/common';
import type { ICommandHandler } from '@nestjs/cqrs';
import type { DomainCommand } from '../../domain/commands.js';
import type { DomainCommandMessage, OutcomeOf } from './command-message.js';
import { CommandRunner } from './command-runner.js';

export abstract class DomainCommandHandler<C extends DomainCommand> implements ICommandHandler<DomainCommandMessage<C>> {
  constructor(@Inject(CommandRunner) protected readonly runner: CommandRunner) {}

  execute(message: DomainCommandMessage<C>): Promise<OutcomeOf<C>> {
    return this.runner.run(message.command);
  }
}
