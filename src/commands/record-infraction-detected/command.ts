import type { RecordInfractionDetected } from '../../domain/infraction/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** A camera device (or the event writer) reports a detected infraction. */
export class RecordInfractionDetectedCommand extends DomainCommandMessage<RecordInfractionDetected> {}
