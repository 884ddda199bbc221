import { CommandHandler } from '@nestjs/cqrs';
import type { FileAppeal } from '../../domain/infraction/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { FileAppealCommand } from './command.js';

@CommandHandler(FileAppealCommand)
export class FileAppealHandler extends DomainCommandHandler<FileAppeal> {}
