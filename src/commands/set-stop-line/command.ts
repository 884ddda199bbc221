import type { SetStopLine } from '../../domain/zone/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** A zone gets its stop line. */
export class SetStopLineCommand extends DomainCommandMessage<SetStopLine> {}
