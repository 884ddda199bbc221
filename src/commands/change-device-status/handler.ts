import { CommandHandler } from '@nestjs/cqrs';
import type { ChangeDeviceStatus } from '../../domain/device/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { ChangeDeviceStatusCommand } from './command.js';

@CommandHandler(ChangeDeviceStatusCommand)
export class ChangeDeviceStatusHandler extends DomainCommandHandler<ChangeDeviceStatus> {}
