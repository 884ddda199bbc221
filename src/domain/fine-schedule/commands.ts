import type { Command } from '../shared/message.js';
import type { FineScheduleVersion } from './events.js';

export type PublishFineSchedule = Command<'PublishFineSchedule', FineScheduleVersion>;
export type FineScheduleCommand = PublishFineSchedule;
