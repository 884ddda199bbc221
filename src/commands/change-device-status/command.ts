import type { ChangeDeviceStatus } from '../../domain/device/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** A device goes ACTIVE, MAINTENANCE, DISABLED or STALE. */
export class ChangeDeviceStatusCommand extends DomainCommandMessage<ChangeDeviceStatus> {}
