// What a token says about its holder, and the actor commands are sent as. People carry one
// of the four roles; a camera device or an internal service may hold a token of its own
// (role "device" / "service", `sub` = its device id or service name) for the ingest commands.
import { z } from 'zod';
import { ROLES, type Actor, type Role } from '../../domain/shared/actor.js';

export const TOKEN_ROLES = [...ROLES, 'device', 'service'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

export const ClaimsSchema = z.object({
  sub: z.string().min(1, 'sub is required').max(200),
  role: z.enum(TOKEN_ROLES),
});

export type Claims = z.infer<typeof ClaimsSchema>;

/** Who is calling: the actor for commands, and the person's role for reads (null for devices and services). */
export interface Viewer {
  actor: Actor;
  /** Key of the rate limiter: one budget per user, device or service. */
  key: string;
  role: Role | null;
}

export function viewerOf(claims: Claims): Viewer {
  switch (claims.role) {
    case 'device':
      return { actor: { kind: 'device', deviceId: claims.sub }, key: `device:${claims.sub}`, role: null };
    case 'service':
      return { actor: { kind: 'service', name: claims.sub }, key: `service:${claims.sub}`, role: null };
    default:
      return { actor: { kind: 'user', userId: claims.sub, role: claims.role }, key: `user:${claims.sub}`, role: claims.role };
  }
}
