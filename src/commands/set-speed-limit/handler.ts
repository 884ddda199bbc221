import { CommandHandler } from '@nestjs/cqrs';
import type { SetSpeedLimit } from '../../domain/zone/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { SetSpeedLimitCommand } from './command.js';

@CommandHandler(SetSpeedLimitCommand)
export class SetSpeedLimitHandler extends DomainCommandHandler<SetSpeedLimit> {}
