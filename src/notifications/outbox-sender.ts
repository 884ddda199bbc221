// Drains the outbox over SMTP (nodemailer). Each message is claimed with SELECT ... FOR
// UPDATE SKIP LOCKED and marked sent in the same transaction, so two senders (or two
// instances) never send one row twice: the second skips the row the first holds, and
// finds it sent once the first commits. The one window left is a crash after the SMTP
// server accepted a message and before the COMMIT; the row is then sent again after a
// restart, with the same Message-ID, so a mail system can recognise the repeat.
import nodemailer, { type Transporter } from 'nodemailer';
import type pg from 'pg';
import { Counter, register } from 'prom-client';
import type { Logger } from '../app/logger.js';

export interface OutboxSenderOptions {
  pool: pg.Pool;
  /** smtp://host:port or smtps://user:password@host:port */
  smtpUrl: string;
  from: string;
  logger: Logger;
  pollIntervalMs: number;
  /** First delay after a failed send; it doubles per attempt, up to an hour. */
  retryDelayMs?: number;
}

interface OutboxRow {
  id: string;
  event_id: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

const sentTotal = (register.getSingleMetric('roadledger_notifications_total') ??
  new Counter({ name: 'roadledger_notifications_total', help: 'Notification e-mails by outcome', labelNames: ['outcome'] })) as Counter<'outcome'>;

export class OutboxSender {
  private readonly transporter: Transporter;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(private readonly options: OutboxSenderOptions) {
    const url = new URL(options.smtpUrl);
    this.transporter = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 25),
      secure: url.protocol === 'smtps:',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    this.transporter.close();
  }

  /** Sends every due message, one transaction each; returns how many were sent. */
  async drain(): Promise<number> {
    let sent = 0;
    while (!this.abort.signal.aborted) {
      const outcome = await this.sendNext();
      if (outcome === 'empty') break;
      if (outcome === 'sent') sent++;
    }
    return sent;
  }

  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      await this.drain().catch((error: unknown) => this.options.logger.error({ err: error }, 'notification sender pass failed'));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollIntervalMs);
        this.abort.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  }

  private async sendNext(): Promise<'sent' | 'failed' | 'empty'> {
    const client = await this.options.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<OutboxRow>(
        `SELECT id, event_id, recipient, subject, body, attempts FROM notification_outbox
          WHERE sent_at IS NULL AND next_attempt_at <= now()
          ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      const row = rows[0];
      if (!row) {
        await client.query('COMMIT');
        return 'empty';
      }
      const outcome = await this.send(client, row);
      await client.query('COMMIT');
      return outcome;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async send(client: pg.PoolClient, row: OutboxRow): Promise<'sent' | 'failed'> {
    const log = this.options.logger.child({ outboxId: row.id, eventId: row.event_id });
    try {
      await this.transporter.sendMail({
        from: this.options.from,
        to: row.recipient,
        subject: row.subject,
        text: row.body,
        messageId: `<${row.event_id}.${row.id}@roadledger>`,
      });
      await client.query('UPDATE notification_outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1', [row.id]);
      sentTotal.inc({ outcome: 'sent' });
      return 'sent';
    } catch (error) {
      const delayMs = Math.min((this.options.retryDelayMs ?? 30_000) * 2 ** row.attempts, 3_600_000);
      await client.query(
        `UPDATE notification_outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + $3 * interval '1 millisecond' WHERE id = $1`,
        [row.id, (error as Error).message, delayMs],
      );
      sentTotal.inc({ outcome: 'failed' });
      log.warn({ err: error, attempts: row.attempts + 1, retryInMs: delayMs }, 'notification not sent; will retry');
      return 'failed';
    }
  }
}
