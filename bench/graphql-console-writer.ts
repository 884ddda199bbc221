// The read model moving under the consoles, for bench:graphql. Changes arrive at a steady
// rate and are applied the way the projection runner applies events: the first one waits
// the batch window for more, then all of them commit in one transaction whose COMMIT carries
// the NOTIFY, and the in-process signal follows. Half the changes decide a DETECTED
// infraction of a polled page (it leaves the queue), half are new detections at the top of a
// zone's first page. After a batch commits a console asks for a changed page again through
// the API, and an answer that does not show the change is counted as stale.
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { pageOfInfractions } from '../src/projections/infractions/queries.js';
import { announceReadModelChange, backendOf, notifyAndCommit } from '../src/projections/read-model-changes.js';
import { pageBody, type QueuePage } from './graphql-console-load.js';

/** Freshness checks in flight at once: each is one more API request, kept a small share of the load. */
const MAX_CHECKS = 2;
const NEW_DETECTIONS_FROM = Date.parse('2026-06-01T00:00:00Z');

export interface WriterFigures {
  changes: number;
  /** Transactions (each one signal to the readers). */
  batches: number;
  checks: number;
  stale: number;
  /** Failed batches, and checks answered with errors or no data (neither fresh nor stale). */
  failed: number;
  /** How long the changes were made for. */
  seconds: number;
}

type Change = { page: QueuePage; id: string; kind: 'decided' | 'detected' };
type Queue = { data?: { infractions: { edges: Array<{ node: { id: string } }> } }; errors?: unknown[] };

/** A keyset cursor's position (base64url JSON of [occurredAt, infractionId], see queries.ts). */
const positionOf = (cursor: string | null): [string, string] | [null, null] =>
  cursor ? (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string]) : [null, null];

export class QueueWriter {
  private sequence = 0;

  constructor(
    private readonly pool: pg.Pool,
    /** The live generation's infractions table (the view read_models.infractions reads it). */
    private readonly table: string,
    private readonly pages: readonly QueuePage[],
    private readonly api: { url: string; token: string },
    /** The runner's PROJECTION_BATCH_WINDOW_MS: how long the first change of a batch waits for more. */
    private readonly windowMs: number,
  ) {}

  /** `rate` changes a second until `stop` aborts; resolves when the last batch and check are done. */
  async run(rate: number, stop: AbortSignal): Promise<WriterFigures> {
    const figures: WriterFigures = { changes: 0, batches: 0, checks: 0, stale: 0, failed: 0, seconds: 0 };
    const started = Date.now();
    const checks = new Set<Promise<void>>();
    let arrived = 0;
    const due = (): number => Math.floor(((Date.now() - started) * rate) / 1000);
    while (rate > 0 && !stop.aborted) {
      // Wait for the next change to arrive, then the window for more to join it.
      const next = started + ((arrived + 1) * 1000) / rate;
      if (next > Date.now()) await sleep(next - Date.now(), undefined, { signal: stop }).catch(() => undefined);
      if (stop.aborted) break;
      await sleep(this.windowMs);
      const count = due() - arrived;
      arrived += count;
      try {
        const changes = await this.commit(count);
        figures.changes += count;
        figures.batches++;
        const sample = changes[Math.floor(Math.random() * changes.length)];
        if (sample && checks.size < MAX_CHECKS) {
          const check = this.check(sample)
            .then((verdict) => {
              if (verdict !== 'fresh') figures[verdict]++;
            })
            .catch(() => {
              figures.failed++;
            })
            .finally(() => checks.delete(check));
          figures.checks++;
          checks.add(check);
        }
      } catch (error) {
        if (figures.failed++ === 0) console.error(`console writer: ${(error as Error).message}`);
      }
    }
    figures.seconds = (Date.now() - started) / 1000;
    await Promise.all(checks);
    return figures;
  }

  /** `count` changes in one transaction of two statements, as the runner commits a batch; the ones that changed a row. */
  private async commit(count: number): Promise<Change[]> {
    const decided: QueuePage[] = [];
    const detected: Change[] = [];
    for (let i = 0; i < count; i++) {
      const n = this.sequence++;
      const page = this.pages[Math.floor(Math.random() * this.pages.length)]!;
      if (n % 2 === 0) decided.push(page);
      else detected.push({ page: { zone: page.zone, after: null }, id: `new-${process.pid}-${n}`, kind: 'detected' });
    }
    const client = await this.pool.connect();
    let telling = false;
    try {
      await client.query('BEGIN');
      const positions = decided.map((page) => positionOf(page.after));
      // Each decision takes a random row of its page (keyset order, as the page reads it).
      const { rows } = await client.query<{ infraction_id: string; pick: number }>(
        `WITH picks AS (
           SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::int[]) WITH ORDINALITY AS p(zone, after_at, after_id, skip, pick)),
         chosen AS (
           SELECT row.infraction_id, picks.pick FROM picks CROSS JOIN LATERAL (
             SELECT infraction_id FROM ${this.table}
              WHERE zone_id = picks.zone AND status = 'DETECTED' AND (picks.after_at IS NULL OR (occurred_at, infraction_id) < (picks.after_at, picks.after_id))
              ORDER BY occurred_at DESC, infraction_id DESC OFFSET picks.skip LIMIT 1) AS row)
         UPDATE ${this.table} AS t SET status = 'VALIDATED', revision = t.revision + 1, updated_at = now()
           FROM chosen WHERE t.infraction_id = chosen.infraction_id AND t.status = 'DETECTED'
         RETURNING t.infraction_id, chosen.pick::int AS pick`,
        [decided.map((page) => page.zone), positions.map(([at]) => at), positions.map(([, id]) => id), decided.map(() => Math.floor(Math.random() * 20))],
      );
      await client.query(
        `INSERT INTO ${this.table} (infraction_id, infraction_type, status, zone_id, device_id, plate, plate_confidence, plate_verified,
           occurred_at, review_deadline, measured_kmh, considered_kmh, limit_kmh, evidence, revision, updated_at)
         SELECT id, 'SPEED_VIOLATION', 'DETECTED', zone, 'device-new', 'NEW-001', 0.9, false, at, at + interval '30 days', 90, 85, 60, '[]', 0, now()
           FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS n(id, zone, at)`,
        [detected.map((change) => change.id), detected.map((change) => change.page.zone), detected.map(() => new Date(NEW_DETECTIONS_FROM + this.sequence++ * 1000).toISOString())],
      );
      telling = true;
      await client.query(notifyAndCommit(client, 'infractions'));
      announceReadModelChange('infractions', backendOf(client));
      return [...rows.map((row): Change => ({ page: decided[row.pick - 1]!, id: row.infraction_id, kind: 'decided' })), ...detected];
    } catch (error) {
      if (telling) announceReadModelChange('infractions');
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The page as a console gets it now, against a change that committed before the request. */
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
