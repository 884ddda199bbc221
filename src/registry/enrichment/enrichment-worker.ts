// Enriches each detected infraction with its owner: follows InfractionDetected events from
// a checkpoint in PostgreSQL, looks the plate up in the registry and sends IdentifyOwner
// (the handler encrypts the owner with their own key before any event holds it). The
// command id is derived from the infraction, so a replay or a retry appends nothing new.
// A registry that fails or is cut off by the circuit breaker never holds the log: the
// look-up is recorded PENDING, the checkpoint moves on, and a retry loop asks again later
// with a doubling delay, up to a bound (then GAVE_UP).
import type pg from 'pg';
import { Counter, register } from 'prom-client';
import type { Logger } from '../../app/logger.js';
import type { IdentifyOwnerRequest } from '../../commands/identify-owner/command.js';
import { CommandConflict } from '../../commands/runner/errors.js';
import type { InfractionDetected } from '../../domain/infraction/events.js';
import type { Actor } from '../../domain/shared/actor.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { EventStore, RecordedEvent, Subscription } from '../../event-store/port.js';
import type { VehicleRegistry } from '../port.js';
import { lockDueLookup, migrateLookupTables, readCheckpoint, saveLookup, writeCheckpoint, type LookupRow } from './lookup-table.js';

export const ENRICHMENT_ACTOR: Actor = { kind: 'service', name: 'registry-enrichment' };

export const identifyOwnerCommandId = (infractionId: string): string => `identify-owner-${infractionId}`;

export interface EnrichmentWorkerOptions {
  pool: pg.Pool;
  store: EventStore;
  registry: VehicleRegistry;
  /** Names the source in OwnerIdentified, e.g. "demo-file" or "registry-api". */
  registryName: string;
  /** Sends the command through the command side (the CommandBus in the app). */
  identify: (request: IdentifyOwnerRequest) => Promise<unknown>;
  logger: Logger;
  retry: { maxAttempts: number; delayMs: number; pollMs?: number };
  clock?: () => Date;
  checkpointName?: string;
  restartDelayMs?: number;
}

const lookupsTotal = (register.getSingleMetric('roadledger_registry_lookups_total') ??
  new Counter({ name: 'roadledger_registry_lookups_total', help: 'Registry look-ups of the enrichment, by outcome', labelNames: ['outcome'] })) as Counter<'outcome'>;

export class EnrichmentWorker {
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];
  private subscription: Subscription | undefined;
  private readonly clock: () => Date;
  private readonly checkpointName: string;

  constructor(private readonly options: EnrichmentWorkerOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.checkpointName = options.checkpointName ?? 'registry-enrichment';
  }

  migrate(): Promise<void> {
    return migrateLookupTables(this.options.pool);
  }

  async start(): Promise<void> {
    await this.migrate();
    this.loops.push(this.follow(), this.retryLoop());
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.subscription?.close();
    await Promise.all(this.loops);
  }

  /** Tries every look-up whose next attempt is due, one at a time; returns how many it tried. */
  async retryDue(): Promise<number> {
    let tried = 0;
    while (!this.abort.signal.aborted) {
      const client = await this.options.pool.connect();
      try {
        await client.query('BEGIN');
        // The row stays locked during the call, so two instances never retry one look-up at once.
        const due = await lockDueLookup(client, this.clock());
        if (!due) {
          await client.query('COMMIT');
          return tried;
        }
        await saveLookup(client, await this.attempt(due));
        await client.query('COMMIT');
        tried++;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    }
    return tried;
  }

  private async follow(): Promise<void> {
    const { pool, store, logger } = this.options;
    while (!this.abort.signal.aborted) {
      try {
        const from = await readCheckpoint(pool, this.checkpointName);
        this.subscription = store.subscribeToAll({ fromPosition: from, filter: { eventTypes: ['InfractionDetected'] } });
        for await (const event of this.subscription) {
          if (this.abort.signal.aborted) break;
          await this.onDetected(event);
        }
      } catch (error) {
        if (this.abort.signal.aborted) break;
        logger.error({ err: error }, 'registry enrichment failed; resuming from its checkpoint');
        await sleep(this.options.restartDelayMs ?? 1_000, this.abort.signal);
      }
    }
  }

  private async retryLoop(): Promise<void> {
    const pollMs = this.options.retry.pollMs ?? Math.min(this.options.retry.delayMs, 5_000);
    while (!this.abort.signal.aborted) {
      await sleep(pollMs, this.abort.signal);
      if (this.abort.signal.aborted) break;
      await this.retryDue().catch((error: unknown) => this.options.logger.error({ err: error }, 'registry retry pass failed'));
    }
  }

  private async onDetected(event: RecordedEvent): Promise<void> {
    const { infractionId, plate } = event.data as InfractionDetected['data'];
    // No plate read: nothing to look up until a reviewer enters one.
    const outcome = plate
      ? await this.attempt({
          infractionId,
          plate: plate.text,
          outcome: 'PENDING',
          attempts: 0,
          nextAttemptAt: null,
          lastError: null,
          correlationId: event.metadata.correlationId,
          causationId: event.metadata.eventId,
        })
      : undefined;
    const client = await this.options.pool.connect();
    try {
      await client.query('BEGIN');
      if (outcome) await saveLookup(client, outcome);
      await writeCheckpoint(client, this.checkpointName, event.position);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async attempt(previous: LookupRow): Promise<LookupRow> {
    const { registry, identify, registryName, retry, logger } = this.options;
    const attempts = previous.attempts + 1;
    const log = logger.child({ correlationId: previous.correlationId, infractionId: previous.infractionId });
    const settle = (outcome: LookupRow['outcome'], lastError: string | null = null, nextAttemptAt: Date | null = null): LookupRow => {
      lookupsTotal.inc({ outcome });
      return { ...previous, attempts, outcome, lastError, nextAttemptAt };
    };
    try {
      const record = await registry.lookUp(previous.plate);
      if (!record) return settle('NOT_FOUND');
      await identify({
        type: 'IdentifyOwner',
        data: { infractionId: previous.infractionId, plate: previous.plate, registry: registryName, owner: { ...record.owner, address: null } },
        metadata: {
          commandId: identifyOwnerCommandId(previous.infractionId),
          correlationId: previous.correlationId,
          causationId: previous.causationId,
          actor: ENRICHMENT_ACTOR,
          now: this.clock().toISOString(),
        },
      });
      return settle('IDENTIFIED');
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal) {
        log.info({ refusal }, 'owner identification refused by the write side');
        return settle('REFUSED', refusal);
      }
      const message = (error as Error).message;
      if (attempts >= retry.maxAttempts) {
        log.warn({ err: error, attempts }, 'registry look-up failed for the last time');
        return settle('GAVE_UP', message);
      }
      const next = new Date(this.clock().getTime() + retry.delayMs * 2 ** (attempts - 1));
      log.info({ error: message, attempts, nextAttemptAt: next.toISOString() }, 'registry look-up failed; will retry');
      return settle('PENDING', message, next);
    }
  }
}

/** The write side said no for good (a rule, or a change that made the command moot); any other error may pass. */
function refusalOf(error: unknown): string | undefined {
  if (error instanceof DomainError) return error.code;
  if (error instanceof CommandConflict && error.reason === 'NO_LONGER_APPLIES') return `CONFLICT: ${error.refusal?.code ?? 'refused'}`;
  return undefined;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
