// Liveness (/health: the process answers) and readiness (/ready: PostgreSQL and the event
// store answer), as Nest routes of the API's application.
import { Controller, Get, HttpException, Inject } from '@nestjs/common';
import type pg from 'pg';
import type { EventStore } from '../../event-store/port.js';
import { formatPosition } from '../../event-store/port.js';

export const HEALTH_DEPENDENCIES = Symbol('HealthDependencies');

export interface HealthDependencies {
  readPool: pg.Pool;
  store: EventStore;
}

@Controller()
export class HealthController {
  constructor(@Inject(HEALTH_DEPENDENCIES) private readonly dependencies: HealthDependencies) {}

  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{ status: 'ready'; head: string }> {
    try {
      await this.dependencies.readPool.query('SELECT 1');
      const head = await this.dependencies.store.headPosition();
      return { status: 'ready', head: formatPosition(head) };
    } catch (error) {
      throw new HttpException({ status: 'not ready', reason: error instanceof Error ? error.message : String(error) }, 503);
    }
  }
}
