// A cache of text values with a time to live: Redis in production (shared by every
// instance, surviving restarts), memory in the embedded mode. One contract holds both.
export interface TtlCache {
  /** The value, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  close(): Promise<void>;
}
