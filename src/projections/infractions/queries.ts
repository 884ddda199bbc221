// The API's reads of the infractions model: search with keyset pagination and a total
// count, the review queue, and one infraction. Reads go through the read_models view,
// so they keep answering across a blue/green switch.
import type { CustomTypesConfig, Pool } from 'pg';
import { z } from 'zod';
import type { InfractionRow } from './row.js';

export interface InfractionFilter {
  status?: readonly string[];
  infractionType?: readonly string[];
  zoneId?: string;
  deviceId?: string;
  plate?: string;
  /** Inclusive lower bound on occurredAt (ISO-8601). */
  from?: string;
  /** Exclusive upper bound on occurredAt (ISO-8601). */
  to?: string;
}

export interface PageRequest {
  first: number;
  /** The endCursor of the previous page. */
  after?: string | null;
}

/** A row as read back: timestamps as Date, the fine amount as a number. */
export type InfractionRecord = Omit<InfractionRow, 'occurred_at' | 'review_deadline' | 'decided_at' | 'paid_at' | 'updated_at'> & {
  occurred_at: Date;
  review_deadline: Date;
  decided_at: Date | null;
  paid_at: Date | null;
  updated_at: Date;
};

// bigint comes back from pg as text; amounts in minor units fit a double exactly.
const COLUMNS = `*, fine_amount_minor::float8 AS fine_amount_minor`;

export interface InfractionPage {
  items: InfractionRecord[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

export const MAX_PAGE_SIZE = 200;

const CursorSchema = z.tuple([z.iso.datetime({ offset: true }), z.string().min(1)]);

export class InvalidCursor extends Error {
  readonly field = 'after';
  constructor() {
    super('after: not a cursor returned by this query');
    this.name = 'InvalidCursor';
  }
}

/** A row's position; occurred_at may already be ISO text when the caller's `types` made it so. */
export function encodeCursor(row: { occurred_at: Date | string; infraction_id: string }): string {
  const occurredAt = typeof row.occurred_at === 'string' ? row.occurred_at : row.occurred_at.toISOString();
  return Buffer.from(JSON.stringify([occurredAt, row.infraction_id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidCursor();
  }
}

function whereOf(filter: InfractionFilter): { clauses: string[]; values: unknown[] } {
  const clauses: string[] = [];
  const values: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown): void => {
    values.push(value);
    clauses.push(sql(`$${values.length}`));
  };
  if (filter.status?.length) add((p) => `status = ANY(${p}::text[])`, filter.status);
  if (filter.infractionType?.length) add((p) => `infraction_type = ANY(${p}::text[])`, filter.infractionType);
  if (filter.zoneId) add((p) => `zone_id = ${p}`, filter.zoneId);
  if (filter.deviceId) add((p) => `device_id = ${p}`, filter.deviceId);
  if (filter.plate) add((p) => `plate = ${p}`, filter.plate);
  if (filter.from) add((p) => `occurred_at >= ${p}::timestamptz`, filter.from);
  if (filter.to) add((p) => `occurred_at < ${p}::timestamptz`, filter.to);
  return { clauses, values };
}

/** Newest first; `after` continues exactly where the previous page ended, even as rows arrive. */
export async function searchInfractions(pool: Pool, filter: InfractionFilter, page: PageRequest): Promise<InfractionPage> {
  const [items, totalCount] = await Promise.all([pageOfInfractions(pool, filter, page), countInfractions(pool, filter)]);
  return { ...items, totalCount };
}

/** A row read with the caller's type parsers: its timestamps may be ISO text instead of Date. */
export type InfractionTextRecord = Omit<InfractionRecord, 'occurred_at' | 'review_deadline' | 'decided_at' | 'paid_at' | 'updated_at'> & {
  occurred_at: Date | string;
  review_deadline: Date | string;
  decided_at: Date | string | null;
  paid_at: Date | string | null;
  updated_at: Date | string;
};

/** One page without the total: a single statement, for callers that do not show the count. */
export function pageOfInfractions(pool: Pool, filter: InfractionFilter, page: PageRequest): Promise<Omit<InfractionPage, 'totalCount'>>;
/** The same statement with per-query pg type parsers (the GraphQL page reads timestamps as ISO text). */
export function pageOfInfractions(
  pool: Pool,
  filter: InfractionFilter,
  page: PageRequest,
  types: CustomTypesConfig,
): Promise<Omit<InfractionPage, 'totalCount' | 'items'> & { items: InfractionTextRecord[] }>;
export async function pageOfInfractions(
  pool: Pool,
  filter: InfractionFilter,
  page: PageRequest,
  types?: CustomTypesConfig,
): Promise<Omit<InfractionPage, 'totalCount' | 'items'> & { items: InfractionTextRecord[] }> {
  const first = Math.min(Math.max(1, Math.trunc(page.first)), MAX_PAGE_SIZE);
  const { clauses: pageClauses, values: pageValues } = whereOf(filter);
  if (page.after) {
    const [occurredAt, id] = decodeCursor(page.after);
    pageValues.push(occurredAt, id);
    pageClauses.push(`(occurred_at, infraction_id) < ($${pageValues.length - 1}::timestamptz, $${pageValues.length})`);
  }
  pageValues.push(first + 1);
  const pageWhere = pageClauses.length ? `WHERE ${pageClauses.join(' AND ')}` : '';
  const items = await pool.query<InfractionTextRecord>({
    text: `SELECT ${COLUMNS} FROM read_models.infractions ${pageWhere} ORDER BY occurred_at DESC, infraction_id DESC LIMIT $${pageValues.length}`,
    values: pageValues,
    types,
  });
  const rows = items.rows.slice(0, first);
  const last = rows.at(-1);
  return { items: rows, endCursor: last ? encodeCursor(last) : null, hasNextPage: items.rows.length > first };
}

export async function countInfractions(pool: Pool, filter: InfractionFilter): Promise<number> {
  const { clauses, values } = whereOf(filter);
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const count = await pool.query<{ total: string }>(`SELECT count(*) AS total FROM read_models.infractions ${where}`, values);
  return Number(count.rows[0]?.total ?? 0);
}

/** The review queue: infractions waiting for a decision, newest first. */
export function reviewQueue(pool: Pool, filter: Omit<InfractionFilter, 'status'>, page: PageRequest): Promise<InfractionPage> {
  return searchInfractions(pool, { ...filter, status: ['DETECTED'] }, page);
}

export async function findInfraction(pool: Pool, infractionId: string): Promise<InfractionRecord | null> {
  const { rows } = await pool.query<InfractionRecord>(`SELECT ${COLUMNS} FROM read_models.infractions WHERE infraction_id = $1`, [infractionId]);
  return rows[0] ?? null;
}
