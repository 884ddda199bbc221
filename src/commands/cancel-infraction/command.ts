import type { CancelInfraction } from '../../domain/infraction/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** An admin cancels a non-terminal infraction, with a reason. */
export class CancelInfractionCommand extends DomainCommandMessage<CancelInfraction> {}
