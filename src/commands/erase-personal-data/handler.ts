// Records the erasure on the person's stream first, then deletes the key: a crash in
// between leaves the record and a retry (same commandId) deletes the key without a second record.
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorId } from '../../domain/shared/actor.js';
import { domainError } from '../../domain/shared/errors.js';
import { erasureDecider, personStream, type PersonState } from '../../personal-data/erasure.js';
import { PersonalDataVault } from '../../personal-data/personal-data-vault.js';
import { CommandRunner } from '../runner/command-runner.js';
import type { CommandOutcome } from '../runner/run-command.js';
import { ErasePersonalDataCommand } from './command.js';

@CommandHandler(ErasePersonalDataCommand)
export class ErasePersonalDataHandler implements ICommandHandler<ErasePersonalDataCommand> {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ command }: ErasePersonalDataCommand): Promise<CommandOutcome<PersonState> & { keyDeleted: boolean }> {
    const { subjectId } = command.data;
    const outcome = await this.runner.runOn(erasureDecider, personStream(subjectId), command, () => {
      const { actor } = command.metadata;
      if (actor.kind !== 'user' || actor.role !== 'admin') {
        throw domainError('FORBIDDEN_ROLE', `${actorId(actor)} may not run ErasePersonalData`, { actor: actorId(actor), command: command.type });
      }
    });
    const keyDeleted = await this.vault.erase(subjectId);
    return { ...outcome, keyDeleted };
  }
}
