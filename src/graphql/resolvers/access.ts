// Who may read what. Commands are authorised by the domain's own table (authorisation.ts);
// reads are for people only, and stream verification for those who answer for the record.
import type { Role } from '../../domain/shared/actor.js';
import type { GraphQLContext } from '../context.js';
import { apiError } from '../errors.js';

const READERS: readonly Role[] = ['admin', 'supervisor', 'operator', 'auditor'];

export function requireReader(context: GraphQLContext, allowed: readonly Role[] = READERS): Role {
  const { role } = context.viewer;
  if (role === null || !allowed.includes(role)) {
    throw apiError('FORBIDDEN', `${context.viewer.key} may not read this`, { domainCode: 'FORBIDDEN_ROLE' });
  }
  return role;
}
