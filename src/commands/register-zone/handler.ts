import { CommandHandler } from '@nestjs/cqrs';
import type { RegisterZone } from '../../domain/zone/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { RegisterZoneCommand } from './command.js';

@CommandHandler(RegisterZoneCommand)
export class RegisterZoneHandler extends DomainCommandHandler<RegisterZone> {}
