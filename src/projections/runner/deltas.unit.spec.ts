import { describe, expect, it } from 'vitest';
import { dayAndHour, Deltas } from './deltas.js';

describe('Deltas', () => {
  it('adds the changes of one row together, whatever order its identity was written in', () => {
    const deltas = new Deltas(['detected', 'fined']);
    deltas.add({ zone_id: 'z1', day: '2026-01-01' }, { detected: 1 });
    deltas.add({ day: '2026-01-01', zone_id: 'z1' }, { detected: 2, fined: 1 });
    deltas.add({ zone_id: 'z2', day: '2026-01-01' }, { fined: 1 });
    expect(JSON.parse(deltas.toJSON())).toEqual([
      { zone_id: 'z1', day: '2026-01-01', detected: 3, fined: 1 },
      { zone_id: 'z2', day: '2026-01-01', detected: 0, fined: 1 },
    ]);
  });

  it('keeps the greatest and the least value of a column, ignoring nulls', () => {
    const deltas = new Deltas(['seen']);
    deltas.max({ plate: 'ABC-123' }, 'top', 50);
    deltas.max({ plate: 'ABC-123' }, 'top', 80);
    deltas.max({ plate: 'ABC-123' }, 'top', null);
    deltas.min({ plate: 'ABC-123' }, 'first', '2026-01-02');
    deltas.min({ plate: 'ABC-123' }, 'first', '2026-01-01');
    expect(JSON.parse(deltas.toJSON())).toEqual([{ plate: 'ABC-123', seen: 0, top: 80, first: '2026-01-01' }]);
  });
});

describe('dayAndHour', () => {
  it('gives the UTC day and hour of an instant written in any offset', () => {
    expect(dayAndHour('2026-03-01T23:30:00-05:00')).toEqual({ day: '2026-03-02', hour: 4 });
  });
});
