// Encrypts the owner with their own key (personal-data vault) and hands the domain only
// the ciphertext: no event ever holds an owner's name or document in clear.
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authorise } from '../../domain/authorisation.js';
import type { IdentifyOwner } from '../../domain/infraction/commands.js';
import { PersonalDataVault } from '../../personal-data/personal-data-vault.js';
import type { OutcomeOf } from '../runner/command-message.js';
import { CommandRunner } from '../runner/command-runner.js';
import { IdentifyOwnerCommand } from './command.js';

@CommandHandler(IdentifyOwnerCommand)
export class IdentifyOwnerHandler implements ICommandHandler<IdentifyOwnerCommand> {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ command }: IdentifyOwnerCommand): Promise<OutcomeOf<IdentifyOwner>> {
    // Refuse the role before a key is made; authorise looks at the type, actor and ids only.
    authorise(command as unknown as IdentifyOwner);
    const { owner } = command.data;
    const encrypted = await this.vault.encrypt(this.vault.subjectIdFor(owner.documentType, owner.documentNumber), owner);
    return this.runner.run({ ...command, data: { ...command.data, owner: encrypted } });
  }
}
