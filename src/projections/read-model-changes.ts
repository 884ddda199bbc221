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

/**
 * Called with the projection name (or PERSONAL_DATA_KEYS) after a change commits in this
 * process; `backend` is the PostgreSQL backend whose NOTIFY tells other processes of the same
 * commit, when the announcer knows it.
 */
export function onReadModelChange(listener: (source: string, backend?: number) => void): () => void {
  local.on('change', listener);
  return () => local.off('change', listener);
}

export function announceReadModelChange(source: string, backend?: number): void {
  local.emit('change', source, backend);
}

/** In the transaction that changes `source`: PostgreSQL delivers it at commit, never before. */
export async function notifyReadModelChange(client: ClientBase, source: string): Promise<void> {
  await client.query({ name: 'read_model_notify', text: 'SELECT pg_notify($1, $2)', values: [READ_MODEL_CHANNEL, source] });
}

/** `NOTIFY` and `COMMIT` as one simple query: the transaction's last round trip carries the signal. */
export function notifyAndCommit(client: ClientBase, source: string): string {
  return `NOTIFY ${READ_MODEL_CHANNEL}, ${client.escapeLiteral(source)}; COMMIT`;
}

/**
 * The backend process id a NOTIFY sent on `client` arrives with (pg keeps it from the
 * connection's start, for cancelling; its types do not declare it).
 */
export function backendOf(client: ClientBase): number | undefined {
  const id = (client as ClientBase & { processID?: unknown }).processID;
  return typeof id === 'number' ? id : undefined;
}
