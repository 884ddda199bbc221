import { describe, expect, it } from 'vitest';
import { addTime, changeStatus, NO_TIME, openTime, openTimeOnDay, statusIntervalByDay, uptimeRatio, type DayStatusTime, type OpenStatus } from './uptime.js';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

/** Folds (status, time) changes as the projection does, then closes the open interval at `now`. */
function fold(changes: [string, string][], now: string): { closed: DayStatusTime[]; open: OpenStatus | null; total: ReturnType<typeof addTime> } {
  let open: OpenStatus | null = null;
  const closed: DayStatusTime[] = [];
  for (const [status, time] of changes) {
    const next = changeStatus(open, status, at(time));
    open = next.open;
    closed.push(...next.closed);
  }
  const total = [...closed, openTime(open, at(now))].reduce(addTime, NO_TIME);
  return { closed, open, total };
}

describe('uptime arithmetic', () => {
  it('splits an interval that crosses midnight (UTC) between the two days', () => {
    expect(statusIntervalByDay('STALE', at('2026-03-01T22:00:00Z'), at('2026-03-02T01:30:00Z'))).toEqual([
      { day: '2026-03-01', activeMs: 0, staleMs: 2 * HOUR, otherMs: 0 },
      { day: '2026-03-02', activeMs: 0, staleMs: 1.5 * HOUR, otherMs: 0 },
    ]);
    expect(statusIntervalByDay('ACTIVE', at('2026-03-01T00:00:00Z'), at('2026-03-03T00:00:00Z')).map((day) => [day.day, day.activeMs])).toEqual([
      ['2026-03-01', 24 * HOUR],
      ['2026-03-02', 24 * HOUR],
    ]);
  });

  it('counts ACTIVE, then STALE, then ACTIVE again, with the open interval closed at now', () => {
    const { closed, total } = fold(
      [
        ['ACTIVE', '2026-03-01T08:00:00Z'],
        ['STALE', '2026-03-01T10:00:00Z'],
        ['ACTIVE', '2026-03-01T10:30:00Z'],
      ],
      '2026-03-01T12:00:00Z',
    );
    expect(closed).toEqual([
      { day: '2026-03-01', activeMs: 2 * HOUR, staleMs: 0, otherMs: 0 },
      { day: '2026-03-01', activeMs: 0, staleMs: 0.5 * HOUR, otherMs: 0 },
    ]);
    expect(total).toEqual({ activeMs: 3.5 * HOUR, staleMs: 0.5 * HOUR, otherMs: 0 });
    expect(uptimeRatio(total)).toBe(3.5 / 4);
  });

  it('keeps MAINTENANCE out of the ratio (planned, neither up nor down)', () => {
    const { total } = fold(
      [
        ['ACTIVE', '2026-03-01T00:00:00Z'],
        ['MAINTENANCE', '2026-03-01T01:00:00Z'],
        ['STALE', '2026-03-01T05:00:00Z'],
      ],
      '2026-03-01T06:00:00Z',
    );
    expect(total).toEqual({ activeMs: HOUR, staleMs: HOUR, otherMs: 4 * HOUR });
    expect(uptimeRatio(total)).toBe(0.5);
  });

  it('has no time and no ratio before any status event', () => {
    expect(fold([], '2026-03-01T12:00:00Z').total).toEqual(NO_TIME);
    expect(uptimeRatio(NO_TIME)).toBeNull();
    expect(openTimeOnDay(null, '2026-03-01', at('2026-03-01T12:00:00Z'))).toEqual(NO_TIME);
  });

  it("gives the open interval's share of each day, up to now", () => {
    const open = { status: 'STALE', sinceMs: at('2026-03-01T20:00:00Z') };
    const now = at('2026-03-03T06:00:00Z');
    expect(openTimeOnDay(open, '2026-02-28', now)).toEqual(NO_TIME);
    expect(openTimeOnDay(open, '2026-03-01', now).staleMs).toBe(4 * HOUR);
    expect(openTimeOnDay(open, '2026-03-02', now).staleMs).toBe(24 * HOUR);
    expect(openTimeOnDay(open, '2026-03-03', now).staleMs).toBe(6 * HOUR);
    expect(openTimeOnDay(open, '2026-03-04', now)).toEqual(NO_TIME);
    expect(openTime(open, now).staleMs).toBe(34 * HOUR);
  });

  it('never counts time backwards when a status event carries an earlier time than the open one', () => {
    const first = changeStatus(null, 'ACTIVE', at('2026-03-01T10:00:00Z'));
    const late = changeStatus(first.open, 'STALE', at('2026-03-01T09:00:00Z'));
    expect(late.closed).toEqual([]);
    expect(late.open).toEqual({ status: 'STALE', sinceMs: at('2026-03-01T10:00:00Z') });
  });
});
