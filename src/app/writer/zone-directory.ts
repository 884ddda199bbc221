// The zones the event writer needs to turn a device's reading into a command: the zone's
// speed limit and jurisdiction (whose measurement tolerance applies), folded from the
// zone's stream and kept for a short while since zones change rarely.
import type { ZoneEvent } from '../../domain/zone/events.js';
import { zoneStream } from '../../domain/zone/events.js';
import type { ZoneState } from '../../domain/zone/decide.js';
import type { Decider } from '../../domain/shared/decider.js';
import { StreamNotFound, type EventStore } from '../../event-store/port.js';

export interface ZoneDirectoryOptions {
  store: EventStore;
  evolve: Decider<unknown, ZoneEvent, ZoneState>['evolve'];
  initialState: ZoneState;
  ttlMs?: number;
  now?: () => number;
}

export class ZoneDirectory {
  private readonly cache = new Map<string, { zone: ZoneState; until: number }>();

  constructor(private readonly options: ZoneDirectoryOptions) {}

  async get(zoneId: string): Promise<ZoneState> {
    const now = (this.options.now ?? Date.now)();
    const cached = this.cache.get(zoneId);
    if (cached && cached.until > now) return cached.zone;
    let zone = this.options.initialState;
    try {
      for await (const event of this.options.store.readStream(zoneStream(zoneId))) {
        zone = this.options.evolve(zone, event as unknown as ZoneEvent);
      }
    } catch (error) {
      if (!(error instanceof StreamNotFound)) throw error;
    }
    this.cache.set(zoneId, { zone, until: now + (this.options.ttlMs ?? 30_000) });
    return zone;
  }
}
