// The signal that a read model moved, for readers that keep answers derived from it (the
// GraphQL response cache). Inside the changing transaction a NOTIFY reaches every process
// listening on the database when it commits; in the same process, an event after the commit
// lets a reader forget an answer before the writer's caller can ask again.
import { EventEmitter } from 'node:events';
import type { ClientBase } from 'pg';

export const READ_MODEL_CHANNEL = 'roadledger_read_models';

/** The source besides projections that answers depend on: deleting a key erases a person. */
export const PERSONAL_DATA_KEYS = 'personal-data-keys';

const local = new EventEmitter();
local.setMaxListeners(0);

/** Called with the projection name (or PERSONAL_DATA_KEYS) after a change commits in this process. */
export function onReadModelChange(listener: (source: string) => void): () => void {
  local.on('change', listener);
  return () => local.off('change', listener);
}

export function announceReadModelChange(source: string): void {
  local.emit('change', source);
}

/** In the transaction that changes `source`: PostgreSQL delivers it at commit, never before. */
export async function notifyReadModelChange(client: ClientBase, source: string): Promise<void> {
  await client.query({ name: 'read_model_notify', text: 'SELECT pg_notify($1, $2)', values: [READ_MODEL_CHANNEL, source] });
}

/** `NOTIFY` and `COMMIT` as one simple query: the transaction's last round trip carries the signal. */
export function notifyAndCommit(client: ClientBase, source: string): string {
  return `NOTIFY ${READ_MODEL_CHANNEL}, ${client.escapeLiteral(source)}; COMMIT`;
}
