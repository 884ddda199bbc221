import { CommandHandler } from '@nestjs/cqrs';
import type { SetSignalSource } from '../../domain/zone/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { SetSignalSourceCommand } from './command.js';

@CommandHandler(SetSignalSourceCommand)
export class SetSignalSourceHandler extends DomainCommandHandler<SetSignalSource> {}
