import { CommandHandler } from '@nestjs/cqrs';
import type { RecordPayment } from '../../domain/infraction/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { RecordPaymentCommand } from './command.js';

@CommandHandler(RecordPaymentCommand)
export class RecordPaymentHandler extends DomainCommandHandler<RecordPayment> {}
