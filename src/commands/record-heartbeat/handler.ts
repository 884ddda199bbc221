import { CommandHandler } from '@nestjs/cqrs';
import type { RecordHeartbeat } from '../../domain/observation/commands.js';
import { DomainCommandHandler } from '../runner/domain-command-handler.js';
import { RecordHeartbeatCommand } from './command.js';

@CommandHandler(RecordHeartbeatCommand)
export class RecordHeartbeatHandler extends DomainCommandHandler<RecordHeartbeat> {}
