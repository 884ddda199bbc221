import type { SetLanes } from '../../domain/zone/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** A zone gets its lane polygons. */
export class SetLanesCommand extends DomainCommandMessage<SetLanes> {}
