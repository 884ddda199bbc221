import type { CorrectPlate } from '../../domain/infraction/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** A reviewer corrects the plate read, with the reason. */
export class CorrectPlateCommand extends DomainCommandMessage<CorrectPlate> {}
