// Many rows in one statement: the batch's rows travel as one JSON parameter and
// json_to_recordset turns them back into typed columns on the server. (json, not jsonb:
// the text is read once, where jsonb would first build a binary document; that halved
// the server's parse time of an infractions batch.)

/** Column name -> PostgreSQL type, in table order. */
export type Columns = Readonly<Record<string, string>>;

/** `json_to_recordset($n::json) AS r(col type, ...)` for use in a FROM clause. */
export function recordset(columns: Columns, parameter = 1): string {
  const definitions = Object.entries(columns).map(([name, type]) => `${name} ${type}`);
  return `json_to_recordset($${parameter}::json) AS r(${definitions.join(', ')})`;
}

/** INSERT every column from the recordset, replacing the row on a key conflict. */
export function upsertStatement(table: string, columns: Columns, key: readonly string[]): string {
  const names = Object.keys(columns);
  const updates = names.filter((name) => !key.includes(name)).map((name) => `${name} = EXCLUDED.${name}`);
  return `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.join(', ')} FROM ${recordset(columns)}
    ON CONFLICT (${key.join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`;
}

/**
 * Changes stored rows in place: a column takes the recordset's value when it is not null
 * and keeps its own otherwise, so a row can be patched without reading it first.
 */
export function patchStatement(table: string, columns: Columns, key: readonly string[]): string {
  const names = Object.keys(columns).filter((name) => !key.includes(name));
  return `UPDATE ${table} AS cur SET ${names.map((name) => `${name} = COALESCE(r.${name}, cur.${name})`).join(', ')}
    FROM ${recordset(columns)} WHERE ${key.map((name) => `cur.${name} = r.${name}`).join(' AND ')}`;
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
