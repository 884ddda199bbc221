import { describe, expect, it } from 'vitest';
import { normalizePlate, parsePlate, type PlateFormat } from './plate.js';

describe('plates', () => {
  it.each([
    ['ABC-123', 'ABC-123', 'PERU'],
    ['abc123', 'ABC-123', 'PERU'],
    [' a1b 234 ', 'A1B-234', 'PERU'],
    ['ABC1D23', 'ABC1D23', 'MERCOSUR'],
    ['abc-1d23', 'ABC1D23', 'MERCOSUR'],
  ])('normalises %j to %s (%s)', (raw, plate, format) => {
    expect(normalizePlate(raw)).toEqual({ ok: true, plate, format });
  });

  it.each(['AB-123', 'ABCD123', '123-ABC', 'ABC1234', ''])('rejects %j under the default formats', (raw) => {
    expect(normalizePlate(raw).ok).toBe(false);
  });

  it('parsePlate throws PLATE_INVALID naming the formats tried', () => {
    expect(() => parsePlate('??')).toThrow(expect.objectContaining({ code: 'PLATE_INVALID', details: { plate: '??', formats: ['PERU', 'MERCOSUR'] } }));
  });

  it('takes its formats as data', () => {
    const oldBrazil: PlateFormat = { name: 'BRAZIL_OLD', pattern: '^([A-Z]{3})([0-9]{4})$', canonical: '$1-$2' };
    expect(normalizePlate('abc1234', [oldBrazil])).toEqual({ ok: true, plate: 'ABC-1234', format: 'BRAZIL_OLD' });
    expect(normalizePlate('ABC-123', [oldBrazil]).ok).toBe(false);
  });
});
