// Per-batch accumulation of counter changes keyed by a row's identity, so a batch of many
// events becomes one multi-row statement.
type Value = string | number | null;

export class Deltas {
  private readonly rows = new Map<string, Record<string, Value>>();

  constructor(private readonly counters: readonly string[]) {}

  /** Adds `changes` into the row of `identity` (created with every counter at zero). */
  add(identity: Readonly<Record<string, Value>>, changes: Readonly<Record<string, number>>): void {
    const key = keyOf(identity);
    let row = this.rows.get(key);
    if (!row) {
      row = { ...identity };
      for (const counter of this.counters) row[counter] = 0;
      this.rows.set(key, row);
    }
    for (const [column, value] of Object.entries(changes)) row[column] = (row[column] as number) + value;
  }

  /** Keeps the larger of the stored and the new value (latest time, highest speed). */
  max(identity: Readonly<Record<string, Value>>, column: string, value: string | number | null): void {
    if (value === null) return;
    this.add(identity, {});
    const row = this.rows.get(keyOf(identity))!;
    const current = row[column];
    if (current === undefined || current === null || current < value) row[column] = value;
  }

  /** Keeps the smaller value (first seen). */
  min(identity: Readonly<Record<string, Value>>, column: string, value: string | number | null): void {
    if (value === null) return;
    this.add(identity, {});
    const row = this.rows.get(keyOf(identity))!;
    const current = row[column];
    if (current === undefined || current === null || current > value) row[column] = value;
  }

  get size(): number {
    return this.rows.size;
  }

  toJSON(): string {
    return JSON.stringify([...this.rows.values()]);
  }
}

/** The same key whatever order the identity's fields were written in. */
function keyOf(identity: Readonly<Record<string, Value>>): string {
  return JSON.stringify(Object.keys(identity).sort().map((name) => identity[name]));
}

/** The UTC day (YYYY-MM-DD) and hour of an ISO-8601 instant. */
export function dayAndHour(instant: string): { day: string; hour: number } {
  const iso = new Date(instant).toISOString();
  return { day: iso.slice(0, 10), hour: Number(iso.slice(11, 13)) };
}
