// An event of a stream as auditors read it: who (actor), what (type, data), why (reason),
// when (occurredAt, recordedAt) and its place in the hash chain.
import type { Actor } from '../../domain/shared/actor.js';
import type { RecordedEvent } from '../../event-store/port.js';
import type { Actor as ApiActor, HistoryEntry } from '../generated/resolvers-types.js';

function apiActor(actor: Actor): ApiActor {
  switch (actor.kind) {
    case 'user':
      return { kind: 'USER', id: actor.userId, role: actor.role.toUpperCase() as ApiActor['role'] };
    case 'device':
      return { kind: 'DEVICE', id: actor.deviceId, role: null };
    case 'service':
      return { kind: 'SERVICE', id: actor.name, role: null };
  }
}

/** The words a person gave with the event, whatever the event calls them. */
function reasonOf(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  for (const key of ['reason', 'grounds', 'note']) {
    if (typeof record[key] === 'string' && record[key]) return record[key];
  }
  return null;
}

export function historyEntry(recorded: RecordedEvent): HistoryEntry {
  return {
    revision: recorded.revision,
    type: recorded.type,
    actor: apiActor(recorded.metadata.actor),
    occurredAt: recorded.metadata.occurredAt,
    recordedAt: recorded.recordedAt.toISOString(),
    reason: reasonOf(recorded.data),
    data: recorded.data,
    commandId: recorded.metadata.commandId,
    correlationId: recorded.metadata.correlationId,
    hash: recorded.hash,
    previousHash: recorded.previousHash,
  };
}
