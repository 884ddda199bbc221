import type { IssueFine } from '../../domain/infraction/commands.js';
import type { Command } from '../../domain/shared/message.js';
import { CommandMessage, type OutcomeOf } from '../runner/command-message.js';

/** What the caller sends: the schedule version is the handler's to find, never the caller's to choose. */
export type IssueFineRequest = Command<'IssueFine', Omit<IssueFine['data'], 'schedule'>>;

/** A reviewer fines a validated infraction at the amount of the schedule in force when it occurred. */
export class IssueFineCommand extends CommandMessage<IssueFineRequest, OutcomeOf<IssueFine>> {}
