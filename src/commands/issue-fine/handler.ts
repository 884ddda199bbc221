// Prices the fine from the fine-schedule stream: the version in force at the infraction's
// occurredAt goes into the domain command, whose decider applies fineFor and checks the rest.
// The schedule is read before the infraction's optimistic append: versions never change
// once published and a new one starts after the latest, so a concurrent publication cannot
// move an infraction that already occurred into another version (unless its effectiveFrom is
// set in the past, which the schedule decider refuses only relative to the latest version).
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authorise } from '../../domain/authorisation.js';
import { fineScheduleDecider, versionInForce } from '../../domain/fine-schedule/decide.js';
import { FINE_SCHEDULE_STREAM } from '../../domain/fine-schedule/events.js';
import type { IssueFine } from '../../domain/infraction/commands.js';
import { domainError } from '../../domain/shared/errors.js';
import type { OutcomeOf } from '../runner/command-message.js';
import { CommandRunner } from '../runner/command-runner.js';
import { IssueFineCommand } from './command.js';

@CommandHandler(IssueFineCommand)
export class IssueFineHandler implements ICommandHandler<IssueFineCommand> {
  constructor(@Inject(CommandRunner) private readonly runner: CommandRunner) {}

  async execute({ command }: IssueFineCommand): Promise<OutcomeOf<IssueFine>> {
    // Refuse the role before reading anything; authorise looks at the type, actor and ids only.
    authorise(command as unknown as IssueFine);
    const schedule = await this.runner.fold(FINE_SCHEDULE_STREAM, fineScheduleDecider);
    const first = schedule.versions[0];
    if (!first) throw domainError('FINE_SCHEDULE_NOT_IN_FORCE', 'no fine schedule has been published');
    const priced: IssueFine = { ...command, data: { ...command.data, schedule: first } };
    return this.runner.run(priced, (issue, infraction) => {
      // With no version in force yet, the earliest one goes in and the decider refuses it.
      const inForce = infraction ? versionInForce(schedule, infraction.occurredAt) : undefined;
      return { ...issue, data: { ...issue.data, schedule: inForce ?? first } };
    });
  }
}
