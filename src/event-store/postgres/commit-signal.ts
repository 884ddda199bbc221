// Tells listening subscriptions that appends committed, right after the commit rather
// than inside it, for servers whose commits wait for the disk: there a NOTIFY inside the
// append transaction would serialise every commit, flush included, on PostgreSQL's
// notification lock (see notify-placement.ts). Signals coalesce: at most one NOTIFY is in flight per
// store, and appends that commit meanwhile share the next one. A lost signal (a crash
// between commit and NOTIFY) costs only latency: subscriptions also poll.
import type pg from 'pg';
import type { Logger } from '../../app/logger.js';

export class CommitSignal {
  private inFlight = false;
  private pending = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {}

  committed(): void {
    if (this.inFlight) {
      this.pending = true;
      return;
    }
    this.inFlight = true;
    void this.send();
  }

  private async send(): Promise<void> {
    do {
      this.pending = false;
      try {
        await this.pool.query({ name: 'event_store_notify', text: 'SELECT pg_notify($1, $2)', values: [this.channel, ''] });
      } catch (error) {
        this.logger.debug({ error: (error as Error).message }, 'event store notify failed; subscriptions will poll');
      }
    } while (this.pending);
    this.inFlight = false;
  }
}
