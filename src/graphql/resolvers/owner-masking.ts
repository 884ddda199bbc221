// The owner as the caller's role may see it: supervisors, auditors and admins in clear,
// operators masked (initials, the last three characters of the document), and nobody
// anything once the person's key is erased.
import type { Role } from '../../domain/shared/actor.js';
import type { OwnerRecord } from '../../personal-data/owner.js';
import type { Owner } from '../generated/resolvers-types.js';

const SEES_IN_CLEAR: readonly Role[] = ['admin', 'supervisor', 'auditor'];

export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${word[0]}***`)
    .join(' ');
}

export function maskDocument(documentNumber: string): string {
  return `***${documentNumber.slice(-3)}`;
}

export function ownerFor(role: Role, subjectId: string, decrypted: { erased: true } | { erased: false; data: OwnerRecord }): Owner {
  if (decrypted.erased) return { subjectId, visibility: 'ERASED', name: null, documentNumber: null };
  const { name, documentNumber } = decrypted.data;
  if (SEES_IN_CLEAR.includes(role)) return { subjectId, visibility: 'VISIBLE', name, documentNumber };
  return { subjectId, visibility: 'MASKED', name: maskName(name), documentNumber: maskDocument(documentNumber) };
}
