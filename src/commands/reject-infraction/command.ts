import type { RejectInfraction } from '../../domain/infraction/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** A reviewer rejects a detected infraction with a reason code. */
export class RejectInfractionCommand extends DomainCommandMessage<RejectInfraction> {}
