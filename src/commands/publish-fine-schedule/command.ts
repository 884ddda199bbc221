import type { PublishFineSchedule } from '../../domain/fine-schedule/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** An admin publishes the next version of the fine schedule. */
export class PublishFineScheduleCommand extends DomainCommandMessage<PublishFineSchedule> {}
