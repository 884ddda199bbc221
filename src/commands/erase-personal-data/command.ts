import type { ErasePersonalData, PersonState } from '../../personal-data/erasure.js';
import { CommandMessage } from '../runner/command-message.js';
import type { CommandOutcome } from '../runner/run-command.js';

/** An admin erases a person: their key is deleted and the erasure recorded without their data. */
export class ErasePersonalDataCommand extends CommandMessage<ErasePersonalData, CommandOutcome<PersonState> & { keyDeleted: boolean }> {}
