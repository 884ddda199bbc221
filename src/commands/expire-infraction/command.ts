import type { ExpireInfraction } from '../../domain/infraction/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** An infraction still DETECTED past its review deadline expires. */
export class ExpireInfractionCommand extends DomainCommandMessage<ExpireInfraction> {}
