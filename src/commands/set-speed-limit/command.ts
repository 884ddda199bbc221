import type { SetSpeedLimit } from '../../domain/zone/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** A zone gets a new speed limit. */
export class SetSpeedLimitCommand extends DomainCommandMessage<SetSpeedLimit> {}
