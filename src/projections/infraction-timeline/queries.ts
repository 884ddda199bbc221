// The history view of one infraction: every event with its actor and reason, in order.
import type { Pool } from 'pg';

export interface TimelineEntry {
  revision: number;
  eventId: string;
  eventType: string;
  actor: string;
  actorRole: string;
  reason: string | null;
  note: string | null;
  occurredAt: Date;
  recordedAt: Date;
  position: string;
  hash: string;
}

export async function infractionHistory(pool: Pool, infractionId: string): Promise<TimelineEntry[]> {
  const { rows } = await pool.query<TimelineEntry>(
    `SELECT revision, event_id AS "eventId", event_type AS "eventType", actor, actor_role AS "actorRole", reason, note,
            occurred_at AS "occurredAt", recorded_at AS "recordedAt", position, hash
       FROM read_models.infraction_timeline WHERE infraction_id = $1 ORDER BY revision`,
    [infractionId],
  );
  return rows;
}
