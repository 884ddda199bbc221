import { CommandHandler } from '@nestjs/cqrs';
import type { RecordInfractionDetected } from '../../domain/infraction/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { RecordInfractionDetectedCommand } from './command.js';

@CommandHandler(RecordInfractionDetectedCommand)
export class RecordInfractionDetectedHandler extends DomainCommandHandler<RecordInfractionDetected> {}
