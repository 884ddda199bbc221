import { CommandHandler } from '@nestjs/cqrs';
import type { SetLanes } from '../../domain/zone/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { SetLanesCommand } from './command.js';

@CommandHandler(SetLanesCommand)
export class SetLanesHandler extends DomainCommandHandler<SetLanes> {}
