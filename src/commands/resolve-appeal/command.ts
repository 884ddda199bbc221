import type { ResolveAppeal } from '../../domain/infraction/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** A supervisor other than the validator accepts or dismisses the appeal. */
export class ResolveAppealCommand extends DomainCommandMessage<ResolveAppeal> {}
