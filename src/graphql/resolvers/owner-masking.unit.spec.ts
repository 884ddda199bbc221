import { describe, expect, it } from 'vitest';
import { ownerFor } from './owner-masking.js';

const owner = { erased: false as const, data: { name: 'Juana Pérez Quispe', documentType: 'DNI', documentNumber: '45678912', address: null } };

describe('the owner as each role sees it', () => {
  it('masks the owner for operators: initials and the last three characters', () =>
    expect(ownerFor('operator', 's1', owner)).toEqual({ subjectId: 's1', visibility: 'MASKED', name: 'J*** P*** Q***', documentNumber: '***912' }));

  it.each(['supervisor', 'auditor', 'admin'] as const)('shows the owner in clear to %s', (role) =>
    expect(ownerFor(role, 's1', owner)).toEqual({ subjectId: 's1', visibility: 'VISIBLE', name: 'Juana Pérez Quispe', documentNumber: '45678912' }));

  it.each(['operator', 'supervisor', 'auditor', 'admin'] as const)('shows nothing of an erased person to %s', (role) =>
    expect(ownerFor(role, 's1', { erased: true })).toEqual({ subjectId: 's1', visibility: 'ERASED', name: null, documentNumber: null }));
});
