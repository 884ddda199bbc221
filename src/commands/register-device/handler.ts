import { CommandHandler } from '@nestjs/cqrs';
import type { RegisterDevice } from '../../domain/device/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { RegisterDeviceCommand } from './command.js';

@CommandHandler(RegisterDeviceCommand)
export class RegisterDeviceHandler extends DomainCommandHandler<RegisterDevice> {}
