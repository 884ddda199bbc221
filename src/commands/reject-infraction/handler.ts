import { CommandHandler } from '@nestjs/cqrs';
import type { RejectInfraction } from '../../domain/infraction/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { RejectInfractionCommand } from './command.js';

@CommandHandler(RejectInfractionCommand)
export class RejectInfractionHandler extends DomainCommandHandler<RejectInfraction> {}
