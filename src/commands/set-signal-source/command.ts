import type { SetSignalSource } from '../../domain/zone/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** A zone gets where its signal state is read from. */
export class SetSignalSourceCommand extends DomainCommandMessage<SetSignalSource> {}
