import type { RecordHeartbeat } from '../../domain/observation/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** A device reports that it is alive, with its frame rate and latency. */
export class RecordHeartbeatCommand extends DomainCommandMessage<RecordHeartbeat> {}
