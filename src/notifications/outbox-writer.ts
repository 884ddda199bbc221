// Turns events into outbox rows: InfractionDetected -> the zone's operators, AppealFiled ->
// the zone's supervisors. Each event's rows and the checkpoint after it are written in one
// transaction, and a row is unique per (event id, recipient): a crash or a replay from any
// checkpoint can never queue one notification twice.
import type pg from 'pg';
import type { Logger } from '../app/logger.js';
import type { AppealFiled, InfractionDetected } from '../domain/infraction/events.js';
import { infractionStream } from '../domain/infraction/events.js';
import { formatPosition, parsePosition, type EventStore, type RecordedEvent, type Subscription } from '../event-store/port.js';
import { appealFiled, infractionAwaitsReview, type InfractionContext, type Notification } from './compose-notification.js';
import { migrateNotificationTables } from './outbox-tables.js';

export const NOTIFIED_EVENT_TYPES = ['InfractionDetected', 'AppealFiled'] as const;

export interface OutboxWriterOptions {
  pool: pg.Pool;
  store: EventStore;
  logger: Logger;
  checkpointName?: string;
  restartDelayMs?: number;
}

export class OutboxWriter {
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private subscription: Subscription | undefined;
  private readonly checkpointName: string;

  constructor(private readonly options: OutboxWriterOptions) {
    this.checkpointName = options.checkpointName ?? 'notifications';
  }

  async start(): Promise<void> {
    await migrateNotificationTables(this.options.pool);
    this.loop = this.follow();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.subscription?.close();
    await this.loop;
  }

  private async follow(): Promise<void> {
    const { pool, store, logger } = this.options;
    while (!this.abort.signal.aborted) {
      try {
        const { rows } = await pool.query<{ position: string }>('SELECT position FROM notification_checkpoint WHERE name = $1', [this.checkpointName]);
        const from = rows[0] ? parsePosition(rows[0].position) : undefined;
        this.subscription = store.subscribeToAll({ fromPosition: from, filter: { eventTypes: NOTIFIED_EVENT_TYPES } });
        for await (const event of this.subscription) {
          if (this.abort.signal.aborted) break;
          await this.write(event);
        }
      } catch (error) {
        if (this.abort.signal.aborted) break;
        logger.error({ err: error }, 'notification outbox writer failed; resuming from its checkpoint');
        await new Promise((resolve) => setTimeout(resolve, this.options.restartDelayMs ?? 1_000));
      }
    }
  }

  private async write(event: RecordedEvent): Promise<void> {
    const notification = await this.compose(event);
    const client = await this.options.pool.connect();
    try {
      await client.query('BEGIN');
      if (notification) {
        const queued = await client.query(
          `INSERT INTO notification_outbox (event_id, recipient, kind, infraction_id, zone_id, subject, body)
           SELECT DISTINCT ON (email) $1, email, $2, $3, $4, $5, $6
             FROM notification_recipients WHERE role = $7 AND zone_id IN ($4, '*')
           ON CONFLICT ON CONSTRAINT notification_outbox_once DO NOTHING`,
          [event.metadata.eventId, notification.kind, notification.infractionId, notification.zoneId, notification.subject, notification.text, notification.role],
        );
        if (queued.rowCount === 0) this.options.logger.debug({ eventId: event.metadata.eventId, zoneId: notification.zoneId }, 'no new recipient for this event');
      }
      await client.query(
        `INSERT INTO notification_checkpoint (name, position) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
        [this.checkpointName, formatPosition(event.position)],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async compose(event: RecordedEvent): Promise<Notification | undefined> {
    switch (event.type) {
      case 'InfractionDetected':
        return infractionAwaitsReview(event.data as InfractionDetected['data']);
      case 'AppealFiled': {
        const data = event.data as AppealFiled['data'];
        return appealFiled(data, await this.infractionContext(data.infractionId));
      }
      default:
        return undefined;
    }
  }

  /** The zone, type and plate an appeal's infraction was detected with (its stream's first event). */
  private async infractionContext(infractionId: string): Promise<InfractionContext> {
    for await (const first of this.options.store.readStream(infractionStream(infractionId), { maxCount: 1 })) {
      const detected = first.data as InfractionDetected['data'];
      return { zoneId: detected.zoneId, infractionType: detected.infractionType, plate: detected.plate?.text ?? null };
    }
    throw new Error(`infraction ${infractionId} has no detection to name its zone`);
  }
}
