// A consumer group of the in-process transport: its committed offsets, its members and
// which member owns which partition (round robin over the sorted partitions).

export interface PartitionRef {
  topic: string;
  partition: number;
}

export class ConsumerGroup {
  private readonly committed = new Map<string, number>();
  private readonly members: symbol[] = [];
  private readonly inFlight = new Set<string>();

  join(member: symbol): void {
    this.members.push(member);
  }

  leave(member: symbol): void {
    const index = this.members.indexOf(member);
    if (index >= 0) this.members.splice(index, 1);
  }

  assigned(member: symbol, partitions: readonly PartitionRef[]): PartitionRef[] {
    const index = this.members.indexOf(member);
    if (index < 0) return [];
    return partitions.filter((_, position) => position % this.members.length === index);
  }

  committedOffset(ref: PartitionRef): number | undefined {
    return this.committed.get(refKey(ref));
  }

  /** Commits only forward: a late commit of an older batch never moves the group back. */
  commit(ref: PartitionRef, nextOffset: number): void {
    const current = this.committed.get(refKey(ref)) ?? -1;
    if (nextOffset > current) this.committed.set(refKey(ref), nextOffset);
  }

  /** Claims a partition for one batch; false while another member still works on it. */
  claim(ref: PartitionRef): boolean {
    if (this.inFlight.has(refKey(ref))) return false;
    this.inFlight.add(refKey(ref));
    return true;
  }

  release(ref: PartitionRef): void {
    this.inFlight.delete(refKey(ref));
  }
}

function refKey(ref: PartitionRef): string {
  return `${ref.topic}\u0000${ref.partition}`;
}
