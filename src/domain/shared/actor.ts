// Who caused a fact: a person with a role, a camera device, or an internal service.
export const ROLES = ['admin', 'supervisor', 'operator', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export type Actor =
  | { kind: 'user'; userId: string; role: Role }
  | { kind: 'device'; deviceId: string }
  | { kind: 'service'; name: string };

export function actorId(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return `user:${actor.userId}`;
    case 'device':
      return `device:${actor.deviceId}`;
    case 'service':
      return `service:${actor.name}`;
    default:
      return assertNever(actor);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
