import { describe, expect, it } from 'vitest';
import type { BatchControl, TransportRecord } from '../port.js';
import { AppliedTracker } from './applied-tracker.js';

function batchOf(offsets: string[]): TransportRecord[] {
  return offsets.map((offset) => ({ topic: 't', partition: 0, offset, key: 'k', value: Buffer.alloc(0), timestamp: '2026-03-01T00:00:00.000Z' }));
}

function trackerOver(offsets: string[]): { tracker: AppliedTracker; marks: string[] } {
  const marks: string[] = [];
  const control: BatchControl = { markApplied: (offset) => marks.push(offset), heartbeat: async () => undefined, isStopping: () => false };
  return { tracker: new AppliedTracker(batchOf(offsets), control), marks };
}

describe('the applied position of a batch worked on by several devices at once', () => {
  it('does not move past a record that is still being applied', () => {
    const { tracker, marks } = trackerOver(['10', '11', '12']);
    tracker.applied('11');
    tracker.applied('12');
    expect(marks).toEqual([]);
  });

  it('jumps over every finished record once the gap closes', () => {
    const { tracker, marks } = trackerOver(['10', '11', '12', '13']);
    tracker.applied('12');
    tracker.applied('10');
    tracker.applied('11');
    expect(marks).toEqual(['10', '12']);
  });

  it('follows records applied in order one by one', () => {
    const { tracker, marks } = trackerOver(['5', '6']);
    tracker.applied('5');
    tracker.applied('6');
    expect(marks).toEqual(['5', '6']);
  });
});
