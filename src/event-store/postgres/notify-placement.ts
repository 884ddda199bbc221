// Where an append wakes subscriptions: with pg_notify inside its transaction, or with a
// separate NOTIFY right after it commits (commit-signal.ts). Subscriptions are woken after
// the commit either way, and poll as well, so this is a question of speed only.
//
// PostgreSQL serialises the commits of notifying transactions on one lock held until the
// commit record is flushed. With synchronous_commit off that hold is short, and NOTIFY
// inside the transaction saves a round trip per append: bench:append measured it faster
// for single and batched appends alike. With synchronous_commit on, each notifying commit
// waits for the previous one's flush: 8 single-append writers fell to about a third. So
// 'auto' (the default) asks the server once and picks accordingly (docs/benchmarks.md).
import type pg from 'pg';

export type NotifyPlacement = 'auto' | 'in-transaction' | 'after-commit';

export class NotifyPlacementChoice {
  private decided: Promise<boolean> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly placement: NotifyPlacement,
  ) {}

  /** Whether appends should NOTIFY inside their transaction. */
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
