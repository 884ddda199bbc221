import { CommandHandler } from '@nestjs/cqrs';
import type { CancelInfraction } from '../../domain/infraction/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { CancelInfractionCommand } from './command.js';

@CommandHandler(CancelInfractionCommand)
export class CancelInfractionHandler extends DomainCommandHandler<CancelInfraction> {}
