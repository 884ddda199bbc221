// The fine schedule decider: versions are published in order and never change.
import { authorise } from '../authorisation.js';
import { actorId } from '../shared/actor.js';
import type { Decider } from '../shared/decider.js';
import { domainError } from '../shared/errors.js';
import { isValidAmount } from '../shared/money.js';
import { INFRACTION_TYPES } from '../infraction/events.js';
import type { FineScheduleCommand } from './commands.js';
import type { FineScheduleEvent, FineScheduleVersion } from './events.js';

export interface FineScheduleState {
  versions: FineScheduleVersion[];
}

export const initialState: FineScheduleState = { versions: [] };

/** The version for an infraction that occurred at `at`: the latest whose effectiveFrom is not after it. */
export function versionInForce(state: FineScheduleState, at: string): FineScheduleVersion | undefined {
  const time = Date.parse(at);
  return state.versions.filter((v) => Date.parse(v.effectiveFrom) <= time).at(-1);
}

export function scheduleProblem(schedule: FineScheduleVersion): string | null {
  if (!/^[A-Z]{3}$/.test(schedule.currency)) return 'currency must be an ISO 4217 code';
  if (Number.isNaN(Date.parse(schedule.effectiveFrom))) return 'effectiveFrom must be an ISO-8601 instant';
  for (const type of INFRACTION_TYPES) {
    if (type === 'SPEED_VIOLATION') continue;
    if (!isValidAmount(schedule.amountsByType[type])) return `amountsByType.${type} must be a positive integer`;
  }
  const bands = schedule.speedBands;
  if (bands.length === 0 || bands[0]!.minExcessKmh !== 0) return 'speedBands must start at minExcessKmh 0';
  for (let i = 0; i < bands.length; i++) {
    if (!isValidAmount(bands[i]!.amountMinor)) return `speedBands[${i}].amountMinor must be a positive integer`;
    if (i > 0 && !(bands[i]!.minExcessKmh > bands[i - 1]!.minExcessKmh)) return `speedBands[${i}] must be above the band before it`;
  }
  return null;
}

export function decide(command: FineScheduleCommand, state: FineScheduleState): FineScheduleEvent[] {
  authorise(command);
  const schedule = command.data;
  const problem = scheduleProblem(schedule);
  if (problem) throw domainError('FINE_SCHEDULE_INVALID', problem);
  const latest = state.versions.at(-1);
  const expectedVersion = (latest?.version ?? 0) + 1;
  if (schedule.version !== expectedVersion) {
    throw domainError('FINE_SCHEDULE_VERSION_OUT_OF_ORDER', `next version is ${expectedVersion}`, { expectedVersion });
  }
  if (latest && !(Date.parse(schedule.effectiveFrom) > Date.parse(latest.effectiveFrom))) {
    throw domainError('FINE_SCHEDULE_VERSION_OUT_OF_ORDER', `effectiveFrom must be after ${latest.effectiveFrom}`);
  }
  return [{ type: 'FineSchedulePublished', data: { ...schedule, publishedBy: actorId(command.metadata.actor) } }];
}

export function evolve(state: FineScheduleState, event: FineScheduleEvent): FineScheduleState {
  const { publishedBy: _publishedBy, ...version } = event.data;
  return { versions: [...state.versions, version] };
}

export const fineScheduleDecider: Decider<FineScheduleCommand, FineScheduleEvent, FineScheduleState> = {
  decide,
  evolve,
  initialState,
};
