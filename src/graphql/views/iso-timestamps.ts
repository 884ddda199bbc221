// Type parsers for the page query: a timestamptz arrives as the ISO-8601 string the API
// answers, without the Date pg would build and the view would turn back into text (a
// Date parsed, allocated and printed per timestamp was ~4% of the page query's CPU).
// Only the text PostgreSQL prints in a UTC session is rewritten; anything else (another
// session time zone, BC, years past 9999, infinity) goes through pg's own parser, so the
// answer is the same either way.
import pg from 'pg';

const TIMESTAMPTZ = pg.types.builtins.TIMESTAMPTZ;

/** `YYYY-MM-DD HH:MM:SS[.f{1,6}]+00` (PostgreSQL's ISO DateStyle in UTC), or null for anything else. */
function isoFromUtcText(text: string): string | null {
  const length = text.length;
  if (length < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32) return null;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || !text.endsWith('+00')) return null;
  if (length === 22) return `${text.slice(0, 10)}T${text.slice(11, 19)}.000Z`;
  if (text.charCodeAt(19) !== 46 || length < 24 || length > 29) return null;
  // The same arithmetic as postgres-date (1000 × the fraction, then Date.UTC truncating it
  // to whole milliseconds), so sub-millisecond instants land on the same millisecond.
  const milliseconds = Math.trunc(1000 * parseFloat(text.slice(19, length - 3)));
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${String(milliseconds).padStart(3, '0')}Z`;
}

/** The ISO string when the text is in the usual form; otherwise what pg's parser makes of it (a Date). */
export function isoTimestamp(text: string): string | Date | number {
  return isoFromUtcText(text) ?? (pg.types.getTypeParser(TIMESTAMPTZ, 'text')(text) as Date | number);
}

/** Per-query `types` for pg: timestamptz as above, every other type as pg parses it globally. */
export const isoTimestampTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ && format !== 'binary' ? isoTimestamp : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};
