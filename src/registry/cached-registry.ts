// Remembers the registry's answers (an unknown plate too) for a day, so a vehicle seen by
// many cameras is looked up once. A cache that fails is bypassed, never fatal.
import { z } from 'zod';
import type { Logger } from '../app/logger.js';
import type { TtlCache } from './cache/port.js';
import type { VehicleRegistry } from './port.js';
import { RegistryRecordSchema, type RegistryRecord } from './registry-record.js';

export const REGISTRY_CACHE_TTL_MS = 24 * 3_600_000;

const CachedAnswerSchema = z.object({ record: RegistryRecordSchema.nullable() });

export class CachedRegistry implements VehicleRegistry {
  constructor(
    private readonly registry: VehicleRegistry,
    private readonly cache: TtlCache,
    private readonly logger: Logger,
    private readonly ttlMs: number = REGISTRY_CACHE_TTL_MS,
  ) {}

  async lookUp(plate: string): Promise<RegistryRecord | null> {
    const key = `plate:${plate}`;
    const cached = await this.read(key);
    if (cached !== undefined) return cached;
    const record = await this.registry.lookUp(plate);
    await this.cache.set(key, JSON.stringify({ record }), this.ttlMs).catch((error: unknown) => {
      this.logger.warn({ err: error, plate }, 'registry cache write failed');
    });
    return record;
  }

  private async read(key: string): Promise<RegistryRecord | null | undefined> {
    try {
      const text = await this.cache.get(key);
      if (text === undefined) return undefined;
      const parsed = CachedAnswerSchema.safeParse(JSON.parse(text));
      // An entry of an older shape is simply a miss: the registry is asked again.
      return parsed.success ? parsed.data.record : undefined;
    } catch (error) {
      this.logger.warn({ err: error, key }, 'registry cache read failed; asking the registry');
      return undefined;
    }
  }
}
