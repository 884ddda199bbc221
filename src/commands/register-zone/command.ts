import type { RegisterZone } from '../../domain/zone/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** An admin registers a road zone with its limit and jurisdiction. */
export class RegisterZoneCommand extends DomainCommandMessage<RegisterZone> {}
