// The notification tables: who is told about a zone (recipients), what is to be sent
// (the outbox, one row per event and recipient), and how far the outbox writer has read.
import type pg from 'pg';
import { z } from 'zod';
import demoRecipients from './demo-recipients.json' with { type: 'json' };

const TABLES_SQL = `
CREATE TABLE IF NOT EXISTS notification_recipients (
  -- '*' reaches that role in every zone.
  zone_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('operator', 'supervisor')),
  email text NOT NULL,
  name text,
  PRIMARY KEY (zone_id, role, email)
);
CREATE TABLE IF NOT EXISTS notification_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id text NOT NULL,
  recipient text NOT NULL,
  kind text NOT NULL,
  infraction_id text NOT NULL,
  zone_id text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  sent_at timestamptz,
  CONSTRAINT notification_outbox_once UNIQUE (event_id, recipient)
);
CREATE INDEX IF NOT EXISTS notification_outbox_due_idx ON notification_outbox (next_attempt_at, id) WHERE sent_at IS NULL;
CREATE TABLE IF NOT EXISTS notification_checkpoint (
  name text PRIMARY KEY,
  position text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;

const RecipientsSchema = z.object({
  recipients: z.array(
    z.object({
      zoneId: z.string().min(1),
      role: z.enum(['operator', 'supervisor']),
      email: z.email(),
      name: z.string().min(1).optional(),
    }),
  ),
});

export type Recipient = z.infer<typeof RecipientsSchema>['recipients'][number];

export async function migrateNotificationTables(pool: pg.Pool): Promise<void> {
  await pool.query(TABLES_SQL);
}

/** Adds recipients (a file's content, checked); existing ones stay as they are. */
export async function addRecipients(pool: pg.Pool, content: unknown): Promise<number> {
  const parsed = RecipientsSchema.safeParse(content);
  if (!parsed.success) {
    throw new Error(`recipients are invalid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  let added = 0;
  for (const recipient of parsed.data.recipients) {
    const result = await pool.query(
      'INSERT INTO notification_recipients (zone_id, role, email, name) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [recipient.zoneId, recipient.role, recipient.email, recipient.name ?? null],
    );
    added += result.rowCount ?? 0;
  }
  return added;
}

/** The demo's recipients: one fictitious mailbox per role for every zone. */
export function seedDemoRecipients(pool: pg.Pool): Promise<number> {
  return addRecipients(pool, demoRecipients);
}
