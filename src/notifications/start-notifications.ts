// What the composition root calls to run notifications: the outbox writer always (so
// nothing is lost while mail is not configured), the SMTP sender when SMTP_URL is set, and
// the demo recipients when DEMO_DATA is on.
import type pg from 'pg';
import type { Config } from '../app/config.js';
import type { Logger } from '../app/logger.js';
import type { EventStore } from '../event-store/port.js';
import { OutboxSender } from './outbox-sender.js';
import { migrateNotificationTables, seedDemoRecipients } from './outbox-tables.js';
import { OutboxWriter } from './outbox-writer.js';

export interface RunningNotifications {
  stop(): Promise<void>;
}

type NotificationSettings = Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'NOTIFY_POLL_INTERVAL_MS' | 'DEMO_DATA'>;

export async function startNotifications(deps: { config: NotificationSettings; pool: pg.Pool; store: EventStore; logger: Logger }): Promise<RunningNotifications> {
  const { config, pool, store } = deps;
  const logger = deps.logger.child({ component: 'notifications' });
  await migrateNotificationTables(pool);
  if (config.DEMO_DATA) await seedDemoRecipients(pool);
  const writer = new OutboxWriter({ pool, store, logger });
  await writer.start();
  let sender: OutboxSender | undefined;
  if (config.SMTP_URL) {
    sender = new OutboxSender({ pool, smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger, pollIntervalMs: config.NOTIFY_POLL_INTERVAL_MS });
    sender.start();
  } else {
    logger.warn('SMTP_URL is not set: notifications are queued in notification_outbox and not sent');
  }
  logger.info({ smtp: config.SMTP_URL ? new URL(config.SMTP_URL).host : null }, 'notifications running');
  return {
    async stop() {
      await sender?.stop();
      await writer.stop();
    },
  };
}
