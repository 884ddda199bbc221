import type { ValidateInfraction } from '../../domain/infraction/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** An operator or supervisor accepts a detected infraction as valid. */
export class ValidateInfractionCommand extends DomainCommandMessage<ValidateInfraction> {}
