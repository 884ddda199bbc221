import type { RegisterDevice } from '../../domain/device/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** An admin registers a camera device in a zone. */
export class RegisterDeviceCommand extends DomainCommandMessage<RegisterDevice> {}
