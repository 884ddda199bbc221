// The zone decider: a road zone's limit, jurisdiction, lanes, stop line and signal.
import { authorise } from '../authorisation.js';
import { actorId } from '../shared/actor.js';
import type { Decider } from '../shared/decider.js';
import { domainError } from '../shared/errors.js';
import { DEFAULT_TOLERANCES, toleranceFor, type ToleranceRule } from '../shared/tolerance.js';
import type { ZoneCommand } from './commands.js';
import type { ZoneEvent } from './events.js';
import { checkLanes, checkSignalSource, checkSpeedLimit, checkStopLine } from './layout-rules.js';

export interface ZonePolicy {
  /** The jurisdictions a zone may belong to: those whose tolerance rule is configured. */
  tolerances: readonly ToleranceRule[];
}

export const DEFAULT_ZONE_POLICY: ZonePolicy = { tolerances: DEFAULT_TOLERANCES };

export interface RegisteredZone {
  zoneId: string;
  speedLimitKmh: number;
  jurisdiction: string;
}

export type ZoneState = RegisteredZone | null;
export const initialState: ZoneState = null;

export function createDecide(policy: ZonePolicy = DEFAULT_ZONE_POLICY) {
  return function decide(command: ZoneCommand, state: ZoneState): ZoneEvent[] {
    authorise(command);
    const by = actorId(command.metadata.actor);
    const { zoneId } = command.data;
    if (command.type === 'RegisterZone') {
      if (state !== null) throw domainError('ZONE_ALREADY_REGISTERED', `zone ${zoneId} is already registered`);
      const { name, speedLimitKmh, jurisdiction } = command.data;
      checkSpeedLimit(speedLimitKmh);
      if (!toleranceFor(policy.tolerances, jurisdiction)) {
        throw domainError('UNKNOWN_JURISDICTION', `no tolerance rule for jurisdiction ${jurisdiction}`, { field: 'jurisdiction' });
      }
      return [{ type: 'ZoneRegistered', data: { zoneId, name, speedLimitKmh, jurisdiction, registeredBy: by } }];
    }
    if (state === null) throw domainError('ZONE_NOT_FOUND', `zone ${zoneId} is not registered`);
    switch (command.type) {
      case 'SetSpeedLimit': {
        checkSpeedLimit(command.data.speedLimitKmh);
        if (command.data.speedLimitKmh === state.speedLimitKmh) return [];
        return [
          {
            type: 'ZoneSpeedLimitSet',
            data: { zoneId, speedLimitKmh: command.data.speedLimitKmh, previousSpeedLimitKmh: state.speedLimitKmh, setBy: by },
          },
        ];
      }
      case 'SetLanes':
        checkLanes(command.data.lanes);
        return [{ type: 'ZoneLanesSet', data: { zoneId, lanes: command.data.lanes, setBy: by } }];
      case 'SetStopLine':
        checkStopLine(command.data.stopLine);
        return [{ type: 'ZoneStopLineSet', data: { zoneId, stopLine: command.data.stopLine, setBy: by } }];
      case 'SetSignalSource':
        checkSignalSource(command.data.signalSource);
        return [{ type: 'ZoneSignalSourceSet', data: { zoneId, signalSource: command.data.signalSource, setBy: by } }];
      default: {
        const unknown: never = command;
        throw domainError('INVALID_TRANSITION', `unknown command ${JSON.stringify(unknown)}`);
      }
    }
  };
}

export function evolve(state: ZoneState, event: ZoneEvent): ZoneState {
  if (event.type === 'ZoneRegistered') {
    const { zoneId, speedLimitKmh, jurisdiction } = event.data;
    return { zoneId, speedLimitKmh, jurisdiction };
  }
  if (state === null) return state;
  switch (event.type) {
    case 'ZoneSpeedLimitSet':
      return { ...state, speedLimitKmh: event.data.speedLimitKmh };
    case 'ZoneLanesSet':
    case 'ZoneStopLineSet':
    case 'ZoneSignalSourceSet':
      // Layout is for the ingest and the read models; no rule here depends on it.
      return state;
    default: {
      const _unknown: never = event;
      return state;
    }
  }
}

export const decide = createDecide();

export function createZoneDecider(policy: ZonePolicy = DEFAULT_ZONE_POLICY): Decider<ZoneCommand, ZoneEvent, ZoneState> {
  return { decide: createDecide(policy), evolve, initialState };
}

export const zoneDecider = createZoneDecider();
