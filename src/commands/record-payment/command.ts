import type { RecordPayment } from '../../domain/infraction/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** The exact amount due is paid, once. */
export class RecordPaymentCommand extends DomainCommandMessage<RecordPayment> {}
