import { CommandHandler } from '@nestjs/cqrs';
import type { ExpireInfraction } from '../../domain/infraction/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { ExpireInfractionCommand } from './command.js';

@CommandHandler(ExpireInfractionCommand)
export class ExpireInfractionHandler extends DomainCommandHandler<ExpireInfraction> {}
