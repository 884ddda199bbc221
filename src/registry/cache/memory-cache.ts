// The embedded mode's cache: a Map with expiry times, bounded so a long run with many
// distinct plates cannot grow it without limit (the oldest entries go first).
import type { TtlCache } from './port.js';

export interface MemoryCacheOptions {
  maxEntries?: number;
  /** Milliseconds since the epoch; injectable so expiry can be specified without waiting. */
  now?: () => number;
}

export class MemoryCache implements TtlCache {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: MemoryCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    // Re-inserting moves the key to the end of the Map's order, so eviction takes the stalest.
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
