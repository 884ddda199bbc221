// The read model moving under the consoles, for bench:graphql: changes at a steady rate the
// way the projection runner makes them (the row change, then NOTIFY with the COMMIT, then the
// in-process signal), half of them a DETECTED infraction of a polled page decided (it leaves
// the queue), half a new detection at the top of a zone's first page. After each change a
// console asks for that page again through the API, and an answer that does not show the
// change is counted as stale.
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { pageOfInfractions } from '../src/projections/infractions/queries.js';
import { announceReadModelChange, notifyAndCommit } from '../src/projections/read-model-changes.js';
import { pageBody, type QueuePage } from './graphql-console-load.js';

/** Changes in flight at once: enough to keep 200/s on a loaded machine, few enough not to crowd the pool. */
const MAX_IN_FLIGHT = 8;
/** Freshness checks in flight at once: each is one more API request, kept a small share of the load. */
const MAX_CHECKS = 2;
const NEW_DETECTIONS_FROM = Date.parse('2026-06-01T00:00:00Z');

export interface WriterFigures {
  changes: number;
  /** Changes the schedule wanted but could not start (MAX_IN_FLIGHT busy). */
  behind: number;
  checks: number;
  stale: number;
  /** Changes that failed, and checks answered with errors or no data (neither fresh nor stale). */
  failed: number;
  /** How long the changes were made for. */
  seconds: number;
}

type Change = { page: QueuePage; id: string; kind: 'decided' | 'detected' };
type Queue = { data?: { infractions: { edges: Array<{ node: { id: string } }> } }; errors?: unknown[] };

export class QueueWriter {
  private sequence = 0;

  constructor(
    private readonly pool: pg.Pool,
    /** The live generation's infractions table (the view read_models.infractions reads it). */
    private readonly table: string,
    private readonly pages: readonly QueuePage[],
    private readonly api: { url: string; token: string },
  ) {}

  /** `rate` changes a second until `stop` aborts; resolves when the last change and check are done. */
  async run(rate: number, stop: AbortSignal): Promise<WriterFigures> {
    const figures: WriterFigures = { changes: 0, behind: 0, checks: 0, stale: 0, failed: 0, seconds: 0 };
    const running = new Set<Promise<void>>();
    let checking = 0;
    const started = Date.now();
    for (let n = 0; rate > 0 && !stop.aborted; n++) {
      const due = started + (n * 1000) / rate;
      if (due > Date.now()) await sleep(due - Date.now(), undefined, { signal: stop }).catch(() => undefined);
      if (stop.aborted) break;
      if (running.size >= MAX_IN_FLIGHT) {
        figures.behind++;
        continue;
      }
      const work = this.change().then(async (change) => {
        figures.changes++;
        if (!change || checking >= MAX_CHECKS) return;
        checking++;
        try {
          figures.checks++;
          const verdict = await this.check(change);
          if (verdict !== 'fresh') figures[verdict]++;
        } finally {
          checking--;
        }
      }).catch((error: unknown) => {
        if (figures.failed++ === 0) console.error(`console writer: ${(error as Error).message}`);
      });
      running.add(work);
      void work.finally(() => running.delete(work));
    }
    figures.seconds = (Date.now() - started) / 1000;
    await Promise.all(running);
    return figures;
  }

  private async change(): Promise<Change | null> {
    const n = this.sequence++;
    const page = this.pages[Math.floor(Math.random() * this.pages.length)]!;
    if (n % 2 === 0) {
      const { items } = await pageOfInfractions(this.pool, { status: ['DETECTED'], zoneId: page.zone }, { first: 20, after: page.after });
      const row = items[Math.floor(Math.random() * items.length)];
      if (!row) return null;
      const changed = await this.inTransaction(`UPDATE ${this.table} SET status = 'VALIDATED', revision = revision + 1, updated_at = now() WHERE infraction_id = $1 AND status = 'DETECTED'`, [
        row.infraction_id,
      ]);
      return changed ? { page, id: row.infraction_id, kind: 'decided' } : null;
    }
    const id = `new-${process.pid}-${n}`;
    await this.inTransaction(
      `INSERT INTO ${this.table} (infraction_id, infraction_type, status, zone_id, device_id, plate, plate_confidence, plate_verified,
         occurred_at, review_deadline, measured_kmh, considered_kmh, limit_kmh, evidence, revision, updated_at)
       VALUES ($1, 'SPEED_VIOLATION', 'DETECTED', $2, 'device-new', 'NEW-001', 0.9, false, $3, $3::timestamptz + interval '30 days', 90, 85, 60, '[]', 0, now())`,
      [id, page.zone, new Date(NEW_DETECTIONS_FROM + n * 1000).toISOString()],
    );
    return { page: { zone: page.zone, after: null }, id, kind: 'detected' };
  }

  /** One change in its own transaction, as the runner commits a batch; true when a row changed. */
  private async inTransaction(sql: string, values: unknown[]): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rowCount } = await client.query(sql, values);
      await client.query(notifyAndCommit(client, 'infractions'));
      announceReadModelChange('infractions');
      return (rowCount ?? 0) > 0;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The page as a console gets it now, against the change that committed before the request. */
  private async check(change: Change): Promise<'fresh' | 'stale' | 'failed'> {
    const response = await fetch(this.api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.api.token}` },
      body: pageBody(change.page),
    });
    const answer = (await response.json()) as Queue;
    if (!answer.data || answer.errors) return 'failed';
    const shown = new Set(answer.data.infractions.edges.map((edge) => edge.node.id));
    // A decided infraction can never be DETECTED again.
    if (change.kind === 'decided') return shown.has(change.id) ? 'stale' : 'fresh';
    if (shown.has(change.id)) return 'fresh';
    // Newer detections may have pushed it off the first page since: stale only if the model still puts it there.
    const { items } = await pageOfInfractions(this.pool, { status: ['DETECTED'], zoneId: change.page.zone }, { first: 20 });
    return items.some((item) => item.infraction_id === change.id) ? 'stale' : 'fresh';
  }
}
