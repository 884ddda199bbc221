import type { RecordObservation } from '../../domain/observation/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** A device reports one vehicle passage. */
export class RecordObservationCommand extends DomainCommandMessage<RecordObservation> {}
