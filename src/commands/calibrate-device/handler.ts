import { CommandHandler } from '@nestjs/cqrs';
import type { CalibrateDevice } from '../../domain/device/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { CalibrateDeviceCommand } from './command.js';

@CommandHandler(CalibrateDeviceCommand)
export class CalibrateDeviceHandler extends DomainCommandHandler<CalibrateDevice> {}
