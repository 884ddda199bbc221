import { describe, expect, it } from 'vitest';
import { arg, IdSchema } from './arguments.js';

describe('ids at the edge', () => {
  it('accepts an id and trims it', () => {
    expect(arg(IdSchema, '  inf-1 ', 'infractionId')).toBe('inf-1');
  });

  it.each([
    ['a NUL byte, which PostgreSQL cannot store', 'inf\u0000-1'],
    ['a line break', 'inf\n1'],
    ['only blanks', '   '],
  ])('refuses %s as BAD_USER_INPUT naming the argument', (_case, value) => {
    expect(() => arg(IdSchema, value, 'infractionId')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'infractionId' }) }),
    );
  });
});
