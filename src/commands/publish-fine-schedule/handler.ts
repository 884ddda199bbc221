import { CommandHandler } from '@nestjs/cqrs';
import type { PublishFineSchedule } from '../../domain/fine-schedule/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { PublishFineScheduleCommand } from './command.js';

@CommandHandler(PublishFineScheduleCommand)
export class PublishFineScheduleHandler extends DomainCommandHandler<PublishFineSchedule> {}
