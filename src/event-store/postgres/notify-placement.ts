// Where an append wakes subscriptions: with pg_notify inside its transaction, or with a
// separate NOTIFY right after it commits (commit-signal.ts). Subscriptions are woken after
// the commit either way, and poll as well, so this is a question of speed only.
//
// PostgreSQL serialises the commits of notifying transactions on one lock held until the
// commit record is flushed. bench:append, interleaved rounds (docs/benchmarks.md):
// - synchronous_commit on: each notifying commit waits for the previous one's flush; 8
//   single-append writers fell to about a third with NOTIFY inside. After commit it is.
// - off, one append at a time (batches): NOTIFY inside saves a statement per append and
//   was faster in most rounds.
// - off, 8 concurrent writers: after commit was faster and its p99 lower, since
//   concurrent appends share one coalesced NOTIFY and do not queue on the lock.
// So 'auto' (the default) notifies inside the transaction only when synchronous_commit is
// off (asked once) and no other append of this store is in flight.
import type pg from 'pg';

export type NotifyPlacement = 'auto' | 'in-transaction' | 'after-commit';

export class NotifyPlacementChoice {
  private decided: Promise<boolean> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly placement: NotifyPlacement,
  ) {}

  /** Whether an append, begun while `othersInFlight` other appends run, should NOTIFY inside its transaction. */
  async forAppend(othersInFlight: number): Promise<boolean> {
    return (await this.inTransaction()) && (this.placement === 'in-transaction' || othersInFlight === 0);
  }

  /** Whether appends may NOTIFY inside their transaction on this server. */
  inTransaction(): Promise<boolean> {
    if (this.placement !== 'auto') return Promise.resolve(this.placement === 'in-transaction');
    this.decided ??= this.pool.query<{ value: string }>("SELECT current_setting('synchronous_commit') AS value").then(
      ({ rows }) => rows[0]?.value === 'off',
      () => {
        // Ask again on the next append; after commit is right whatever the setting.
        this.decided = undefined;
        return false;
      },
    );
    return this.decided;
  }
}
