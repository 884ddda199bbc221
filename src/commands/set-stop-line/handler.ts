import { CommandHandler } from '@nestjs/cqrs';
import type { SetStopLine } from '../../domain/zone/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { SetStopLineCommand } from './command.js';

@CommandHandler(SetStopLineCommand)
export class SetStopLineHandler extends DomainCommandHandler<SetStopLine> {}
