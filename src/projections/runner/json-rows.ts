// Many rows in one statement: the batch's rows travel as one JSON parameter and
// jsonb_to_recordset turns them back into typed columns on the server.

/** Column name -> PostgreSQL type, in table order. */
export type Columns = Readonly<Record<string, string>>;

/** `jsonb_to_recordset($n::jsonb) AS r(col type, ...)` for use in a FROM clause. */
export function recordset(columns: Columns, parameter = 1): string {
  const definitions = Object.entries(columns).map(([name, type]) => `${name} ${type}`);
  return `jsonb_to_recordset($${parameter}::jsonb) AS r(${definitions.join(', ')})`;
}

/** INSERT every column from the recordset, replacing the row on a key conflict. */
export function upsertStatement(table: string, columns: Columns, key: readonly string[]): string {
  const names = Object.keys(columns);
  const updates = names.filter((name) => !key.includes(name)).map((name) => `${name} = EXCLUDED.${name}`);
  return `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.join(', ')} FROM ${recordset(columns)}
    ON CONFLICT (${key.join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`;
}

/**
 * Adds counters into existing rows (or creates them): `col = cur.col + EXCLUDED.col`;
 * `max`/`min` columns keep the greater/lesser value, `latest` columns take the new value when not null.
 */
export function accumulateStatement(
  table: string,
  columns: Columns,
  key: readonly string[],
  keep: { max?: readonly string[]; min?: readonly string[]; latest?: readonly string[] } = {},
): string {
  const names = Object.keys(columns);
  const updates = names
    .filter((name) => !key.includes(name))
    .map((name) => {
      if (keep.max?.includes(name)) return `${name} = GREATEST(cur.${name}, EXCLUDED.${name})`;
      if (keep.min?.includes(name)) return `${name} = LEAST(cur.${name}, EXCLUDED.${name})`;
      if (keep.latest?.includes(name)) return `${name} = COALESCE(EXCLUDED.${name}, cur.${name})`;
      return `${name} = cur.${name} + EXCLUDED.${name}`;
    });
  return `INSERT INTO ${table} AS cur (${names.join(', ')}) SELECT ${names.join(', ')} FROM ${recordset(columns)}
    ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates.join(', ')}`;
}
