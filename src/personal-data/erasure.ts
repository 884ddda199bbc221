// The record that a person was erased, on their own stream `person-<subjectId>`: who asked,
// when and why, never the data itself. A pure decider, so the command runner's idempotency
// and retries apply to erasure as to any command.
import type { Decider } from '../domain/shared/decider.js';
import { actorId } from '../domain/shared/actor.js';
import { domainError } from '../domain/shared/errors.js';
import type { Command, DomainEvent } from '../domain/shared/message.js';

export type ErasePersonalData = Command<'ErasePersonalData', { subjectId: string; reason: string }>;

export type PersonalDataErased = DomainEvent<'PersonalDataErased', { subjectId: string; reason: string; erasedBy: string }>;

export interface PersonState {
  erased: boolean;
}

export const personStream = (subjectId: string): string => `person-${subjectId}`;

export const erasureDecider: Decider<ErasePersonalData, PersonalDataErased, PersonState> = {
  initialState: { erased: false },
  decide(command, state) {
    if (state.erased) return [];
    const { subjectId } = command.data;
    const reason = command.data.reason.trim();
    if (!reason) throw domainError('REASON_REQUIRED', 'an erasure needs its reason', { field: 'reason' });
    return [{ type: 'PersonalDataErased', data: { subjectId, reason, erasedBy: actorId(command.metadata.actor) } }];
  },
  evolve: (_state, event) => (event.type === 'PersonalDataErased' ? { erased: true } : _state),
};
