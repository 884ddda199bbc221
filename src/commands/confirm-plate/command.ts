import type { ConfirmPlate } from '../../domain/infraction/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** A reviewer confirms the plate as read. */
export class ConfirmPlateCommand extends DomainCommandMessage<ConfirmPlate> {}
