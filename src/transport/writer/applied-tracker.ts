// Records of a batch finish out of order when several devices are worked on at once; the
// committed position may only move over an unbroken run of finished records.
import type { BatchControl, TransportRecord } from '../port.js';

export class AppliedTracker {
  private readonly done = new Set<string>();
  private next = 0;

  constructor(
    private readonly records: readonly TransportRecord[],
    private readonly control: BatchControl,
  ) {}

  applied(offset: string): void {
    this.done.add(offset);
    let last: string | undefined;
    while (this.next < this.records.length && this.done.has((this.records[this.next] as TransportRecord).offset)) {
      last = (this.records[this.next] as TransportRecord).offset;
      this.next += 1;
    }
    if (last !== undefined) this.control.markApplied(last);
  }
}
