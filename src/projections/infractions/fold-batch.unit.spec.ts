import { describe, expect, it } from 'vitest';
import { correctPlate, fileAppeal, historyOf, historyUntil, identifyOwner, issueFine, recordDetected, resolveAppeal, validate } from '../../domain/testing/infraction-builders.js';
import type { InfractionEvent } from '../../domain/infraction/events.js';
import type { RecordedEvent } from '../../event-store/port.js';
import { foldBatch } from './projection.js';

/** The events as the store would hand them over, one revision each. */
function recorded(events: readonly InfractionEvent[]): RecordedEvent[] {
  return events.map((event, revision) => ({
    ...event,
    metadata: { eventId: `e-${revision}`, commandId: 'c', correlationId: 'c', causationId: 'c', actor: { kind: 'service', name: 'spec' }, occurredAt: `2026-03-0${1 + (revision % 9)}T10:00:00.000Z`, schemaVersion: 1 },
    streamName: 'infraction-inf-1',
    revision,
    position: { commit: 1n, prepare: BigInt(revision + 1) },
    recordedAt: new Date(0),
    hash: 'h',
    previousHash: 'p',
  }));
}

const HISTORIES: Record<string, InfractionEvent[]> = {
  paid: historyUntil('PAID'),
  rejected: historyUntil('REJECTED'),
  expired: historyUntil('EXPIRED'),
  cancelled: historyUntil('CANCELLED'),
  'appealed and resolved, plate corrected, owner identified': historyOf(
    recordDetected(),
    correctPlate(),
    identifyOwner({ plate: 'ABD1E23' }),
    validate(),
    issueFine(),
    fileAppeal(),
    resolveAppeal(),
  ),
};

describe('folding a batch of infraction events', () => {
  for (const [name, history] of Object.entries(HISTORIES)) {
    it(`gives the same row whether the lifecycle comes in one batch or is patched onto an earlier detection (${name})`, () => {
      const events = recorded(history);
      const whole = foldBatch(events);
      expect(whole.patches.size).toBe(0);

      const detection = foldBatch(events.slice(0, 1)).created.get('inf-1')!;
      const later = foldBatch(events.slice(1));
      expect(later.created.size).toBe(0);
      const patch = later.patches.get('inf-1')!;
      // The patch is written as "the new value, or the stored one": it must never carry a null.
      expect(Object.values(patch).filter((value) => value === null || value === undefined)).toEqual([]);
      expect({ ...detection, ...patch }).toEqual(whole.created.get('inf-1'));
    });
  }

  it('starts a new row from a detection even after changes to the same id in the batch', () => {
    const [detected, ...rest] = recorded(historyUntil('VALIDATED'));
    const folded = foldBatch([...rest, detected!]);
    expect(folded.patches.size).toBe(0);
    expect(folded.created.get('inf-1')).toMatchObject({ status: 'DETECTED', validated_by: null });
  });
});
