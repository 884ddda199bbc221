// Device health: a camera whose heartbeats stop goes STALE after a configured silence (the
// DeviceStatusChanged event is the alarm, on the device's stream, visible to every reader),
// and ACTIVE again when it beats anew. Command ids come from the device and the heartbeat it
// last saw, so two monitors, or a second run, append each change once.
import type { CommandBus } from '@nestjs/cqrs';
import type pg from 'pg';
import { send } from '../commands/command-messages.js';
import { CommandConflict } from '../commands/runner/errors.js';
import type { Actor } from '../domain/shared/actor.js';
import { isDomainError } from '../domain/shared/errors.js';
import { listDevices } from '../projections/device-stats/queries.js';
import type { Logger } from '../app/logger.js';

const MONITOR: Actor = { kind: 'service', name: 'device-health' };

export interface HealthMonitorOptions {
  pool: pg.Pool;
  bus: CommandBus;
  logger: Logger;
  /** A device silent for longer than this is STALE. */
  staleAfterMs: number;
}

export interface HealthRun {
  stale: string[];
  recovered: string[];
}

export class DeviceHealthMonitor {
  constructor(private readonly options: HealthMonitorOptions) {}

  async runOnce(now: Date = new Date()): Promise<HealthRun> {
    const run: HealthRun = { stale: [], recovered: [] };
    for (const device of await listDevices(this.options.pool)) {
      // A device that never beat has no silence to measure yet.
      if (!device.lastHeartbeatAt) continue;
      const silentMs = now.getTime() - device.lastHeartbeatAt.getTime();
      const beat = device.lastHeartbeatAt.getTime();
      if (device.status === 'ACTIVE' && silentMs > this.options.staleAfterMs) {
        const reason = `no heartbeat since ${device.lastHeartbeatAt.toISOString()}`;
        if (await this.change(device.deviceId, 'STALE', reason, `device-stale-${device.deviceId}-${beat}`, now)) run.stale.push(device.deviceId);
      } else if (device.status === 'STALE' && silentMs <= this.options.staleAfterMs) {
        const reason = `heartbeat at ${device.lastHeartbeatAt.toISOString()}`;
        if (await this.change(device.deviceId, 'ACTIVE', reason, `device-recovered-${device.deviceId}-${beat}`, now)) run.recovered.push(device.deviceId);
      }
    }
    if (run.stale.length + run.recovered.length > 0) this.options.logger.warn({ ...run }, 'device health changed');
    return run;
  }

  /** Runs every `intervalMs`, one run at a time; returns a stop function. */
  schedule(intervalMs: number): () => Promise<void> {
    let current: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      current = current.then(() => this.runOnce()).catch((error: unknown) => this.options.logger.error({ err: error }, 'device health run failed'));
    }, intervalMs);
    return async () => {
      clearInterval(timer);
      await current;
    };
  }

  private async change(deviceId: string, status: 'STALE' | 'ACTIVE', reason: string, commandId: string, now: Date): Promise<boolean> {
    try {
      const outcome = await send(this.options.bus, {
        type: 'ChangeDeviceStatus',
        data: { deviceId, status, reason },
        metadata: { commandId, correlationId: commandId, actor: MONITOR, now: now.toISOString() },
      });
      return !outcome.duplicate && outcome.events.length > 0;
    } catch (error) {
      // A person changed the device meanwhile (MAINTENANCE, DISABLED): theirs is the word.
      if (isDomainError(error) || error instanceof CommandConflict) return false;
      throw error;
    }
  }
}
