import type { JSONType } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { anEvent } from '../contract/builders.js';
import { eventUuid, toEventData, toRecordedEvent } from './event-mapping.js';

describe('EventStoreDB event mapping', () => {
  it('keeps UUID event ids and maps any other id to the same UUID every time', () => {
    expect(eventUuid('3F2504E0-4F89-11D3-9A0C-0305E82C3301')).toBe('3f2504e0-4f89-11d3-9a0c-0305e82c3301');
    expect(eventUuid('cmd-42:0')).toBe(eventUuid('cmd-42:0'));
    expect(eventUuid('cmd-42:0')).not.toBe(eventUuid('cmd-42:1'));
    expect(eventUuid('cmd-42:0')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('carries the hash chain in the metadata and gives back the envelope without it', () => {
    const event = anEvent();
    const stored = toEventData(event, { hash: 'h1', previousHash: 'h0' });
    expect(stored.metadata).toEqual({ ...event.metadata, chain: { hash: 'h1', previousHash: 'h0' } });
    const recorded = toRecordedEvent({
      event: {
        streamId: 'infraction-1',
        id: stored.id,
        isJson: true,
        revision: 4n,
        type: stored.type,
        created: new Date('2026-01-01T00:00:00Z'),
        data: stored.data as JSONType,
        metadata: stored.metadata,
        position: { commit: 10n, prepare: 9n },
      },
    });
    expect(recorded).toMatchObject({
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      streamName: 'infraction-1',
      revision: 4,
      position: { commit: 10n, prepare: 9n },
      hash: 'h1',
      previousHash: 'h0',
    });
    expect(recorded.metadata).not.toHaveProperty('chain');
  });
});
