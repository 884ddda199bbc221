import { CommandHandler } from '@nestjs/cqrs';
import type { ConfirmPlate } from '../../domain/infraction/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { ConfirmPlateCommand } from './command.js';

@CommandHandler(ConfirmPlateCommand)
export class ConfirmPlateHandler extends DomainCommandHandler<ConfirmPlate> {}
