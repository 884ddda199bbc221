// Every command the domain understands, across aggregates.
import type { DeviceCommand } from './device/commands.js';
import type { FineScheduleCommand } from './fine-schedule/commands.js';
import type { InfractionCommand } from './infraction/commands.js';
import type { ObservationCommand } from './observation/commands.js';
import type { ZoneCommand } from './zone/commands.js';

export type DomainCommand = InfractionCommand | DeviceCommand | ZoneCommand | ObservationCommand | FineScheduleCommand;
export type DomainCommandType = DomainCommand['type'];
