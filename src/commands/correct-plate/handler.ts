import { CommandHandler } from '@nestjs/cqrs';
import type { CorrectPlate } from '../../domain/infraction/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { CorrectPlateCommand } from './command.js';

@CommandHandler(CorrectPlateCommand)
export class CorrectPlateHandler extends DomainCommandHandler<CorrectPlate> {}
