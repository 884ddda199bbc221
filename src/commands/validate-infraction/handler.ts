import { CommandHandler } from '@nestjs/cqrs';
import type { ValidateInfraction } from '../../domain/infraction/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { ValidateInfractionCommand } from './command.js';

@CommandHandler(ValidateInfractionCommand)
export class ValidateInfractionHandler extends DomainCommandHandler<ValidateInfraction> {}
