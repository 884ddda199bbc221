import type { IdentifyOwner } from '../../domain/infraction/commands.js';
import type { Command } from '../../domain/shared/message.js';
import type { OwnerRecord } from '../../personal-data/owner.js';
import { CommandMessage, type OutcomeOf } from '../runner/command-message.js';

/** What the caller sends: the owner in clear; the handler encrypts it before it reaches any event. */
export type IdentifyOwnerRequest = Command<'IdentifyOwner', Omit<IdentifyOwner['data'], 'owner'> & { owner: OwnerRecord }>;

/** The vehicle registry (or a reviewer) names the owner of the infraction's plate. */
export class IdentifyOwnerCommand extends CommandMessage<IdentifyOwnerRequest, OutcomeOf<IdentifyOwner>> {}
