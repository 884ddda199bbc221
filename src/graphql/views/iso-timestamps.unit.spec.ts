import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isoTimestamp, isoTimestampTypes } from './iso-timestamps.js';

const TIMESTAMPTZ = pg.types.builtins.TIMESTAMPTZ;
const pgParse = (text: string): unknown => pg.types.getTypeParser(TIMESTAMPTZ, 'text')(text);
/** What the API answered before: pg's Date, printed by toISOString. */
const todays = (text: string): string => new Date(pgParse(text) as Date).toISOString();

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Text as PostgreSQL prints a timestamptz in a UTC session: trailing zeros of the fraction dropped. */
function utcText(year: number, month: number, day: number, hour: number, minute: number, second: number, microseconds: number): string {
  const fraction = microseconds === 0 ? '' : `.${pad(microseconds, 6)}`.replace(/0+$/, '');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)} ${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${fraction}+00`;
}

/** A small deterministic generator, so a failure names an instant that can be replayed. */
function* instants(count: number): Generator<string> {
  let state = 0x2545f491;
  const next = (bound: number): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % bound;
  };
  for (let i = 0; i < count; i += 1) {
    yield utcText(1 + next(9999), 1 + next(12), 1 + next(28), next(24), next(60), next(60), next(1_000_000));
  }
}

describe('timestamptz read as the API ISO string', () => {
  it('gives the string pg Date + toISOString gave for 100,000 instants, years 0001 to 9999, microseconds included', () => {
    for (const text of instants(100_000)) expect(isoTimestamp(text), text).toBe(todays(text));
  }, 30_000); // 100,000 comparisons: seconds on a loaded 2-core machine

  it('truncates sub-millisecond digits exactly as before, whatever the number of fraction digits', () => {
    const fractions = ['', '.1', '.05', '.999', '.9995', '.999999', '.000001', '.0005', '.001', '.057', '.289', '.29', '.123456', '.1239', '.5'];
    for (const fraction of fractions) {
      const text = `2026-03-14 15:09:26${fraction}+00`;
      expect(isoTimestamp(text), text).toBe(todays(text));
    }
    for (let micro = 0; micro < 1_000_000; micro += 7) {
      const text = utcText(2026, 1, 1, 0, 0, 20, micro);
      expect(isoTimestamp(text), text).toBe(todays(text));
    }
  }, 30_000);

  it('leaves the forms it does not rewrite to pg: another session offset, BC, years past 9999, infinity', () => {
    for (const text of ['2026-01-01 01:00:20+01', '2026-01-01 05:30:20.25+05:30', '1900-01-01 00:00:00-00:17:30', '0044-03-15 12:00:00+00 BC', '10000-01-01 00:00:00+00', 'infinity', '-infinity']) {
      expect(isoTimestamp(text), text).toEqual(pgParse(text));
    }
  });

  it('changes no other type pg parses', () => {
    for (const oid of [pg.types.builtins.JSONB, pg.types.builtins.INT4, pg.types.builtins.FLOAT8, pg.types.builtins.BOOL, pg.types.builtins.TIMESTAMP]) {
      expect(isoTimestampTypes.getTypeParser(oid, 'text')).toBe(pg.types.getTypeParser(oid, 'text'));
    }
    expect(isoTimestampTypes.getTypeParser(TIMESTAMPTZ, 'text')).toBe(isoTimestamp);
  });
});
