import { CommandHandler } from '@nestjs/cqrs';
import type { ResolveAppeal } from '../../domain/infraction/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { ResolveAppealCommand } from './command.js';

@CommandHandler(ResolveAppealCommand)
export class ResolveAppealHandler extends DomainCommandHandler<ResolveAppeal> {}
