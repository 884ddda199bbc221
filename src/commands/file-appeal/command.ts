import type { FileAppeal } from '../../domain/infraction/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** An appeal against a fine is filed (entered by a reviewer). */
export class FileAppealCommand extends DomainCommandMessage<FileAppeal> {}
