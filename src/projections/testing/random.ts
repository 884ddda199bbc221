// A seeded pseudo-random source (mulberry32), so generated histories are reproducible.
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return Math.round((min + this.next() * (max - min)) * 100) / 100;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A Peruvian plate from a small pool, so some vehicles offend repeatedly. */
  plate(): string {
    const n = this.int(0, 1999);
    const letters = String.fromCharCode(65 + (n % 26), 65 + ((n >> 3) % 26), 65 + ((n >> 5) % 26));
    return `${letters}-${String(100 + (n % 900)).padStart(3, '0')}`;
  }
}
