import { CommandHandler } from '@nestjs/cqrs';
import type { RecordObservation } from '../../domain/observation/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { RecordObservationCommand } from './command.js';

@CommandHandler(RecordObservationCommand)
export class RecordObservationHandler extends DomainCommandHandler<RecordObservation> {}
