// Actors and command metadata for specifications.
import type { Actor, Role } from '../shared/actor.js';
import type { CommandMetadata } from '../shared/message.js';

export const user = (userId: string, role: Role): Actor => ({ kind: 'user', userId, role });
export const operator = (userId = 'olga'): Actor => user(userId, 'operator');
export const supervisor = (userId = 'sam'): Actor => user(userId, 'supervisor');
export const admin = (userId = 'ada'): Actor => user(userId, 'admin');
export const auditor = (userId = 'aldo'): Actor => user(userId, 'auditor');
export const device = (deviceId = 'cam-1'): Actor => ({ kind: 'device', deviceId });
export const service = (name = 'expiry'): Actor => ({ kind: 'service', name });

/** One of each kind of actor, for walking the role matrix. */
export const EVERY_ACTOR: readonly Actor[] = [admin(), supervisor(), operator(), auditor(), device(), service()];

export function meta(actor: Actor, now = '2026-03-02T09:00:00.000Z', commandId = 'cmd-1'): CommandMetadata {
  return { commandId, correlationId: 'corr-1', actor, now };
}
