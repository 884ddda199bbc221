// The composition root: builds every adapter from the configuration, wires the write side,
// the read side, the transport and the API, and stops them in reverse order.
import { CommandBus } from '@nestjs/cqrs';
import pg from 'pg';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { connectPostgres } from './postgres-connection.js';
import { createEventStore } from './event-store.js';
import { createEvidenceStore } from './evidence-store.js';
import { WriteSideModule, writeSidePolicies } from './write-side.module.js';
import { createHttpServer, type RunningHttpServer } from './http/create-http-server.js';
import { domainPolicies } from './domain-policies.js';
import { CoalescingEventStore } from './writer/coalescing-event-store.js';
import { eventWriterOverCommandBus } from './writer/command-side-writer.js';
import type { EventStore } from '../event-store/port.js';
import type { EvidenceStore } from '../evidence/port.js';
import { ProjectionRunner } from '../projections/runner/runner.js';
import { riskScorer } from '../projections/vehicle-risk/risk-model.js';
import { ALL_PROJECTIONS } from '../projections/all.js';
import { createTransport } from '../transport/create-transport.js';
import type { Transport } from '../transport/port.js';
import { ExpiryProcess } from '../commands/expire-infractions/expiry-process.js';
import { startRegistryEnrichment } from '../registry/start-enrichment.js';
import { startNotifications } from '../notifications/start-notifications.js';
import { runDemo } from './demo/run-demo.js';
import { DeviceHealthMonitor } from '../device-health/health-monitor.js';

/** A stop step that hangs must not keep the rest (the database last of all) from stopping. */
const STOP_STEP_DEADLINE_MS = 10_000;

async function withDeadline(work: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export interface RunningRoadledger {
  config: Config;
  url: string;
  /** The demo's seeding and video ingest running in the background (null without DEMO_DATA). */
  demo: Promise<void> | null;
  store: EventStore;
  readPool: pg.Pool;
  evidence: EvidenceStore;
  transport: Transport;
  commandBus: CommandBus;
  projections: ProjectionRunner;
  http: RunningHttpServer;
  stop(): Promise<void>;
}

export async function startRoadledger(config: Config, logger: Logger): Promise<RunningRoadledger> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) {
      logger.debug({ step: stop.name }, 'stopping');
      await withDeadline(stop(), STOP_STEP_DEADLINE_MS).then(
        (finished) => finished || logger.warn({ step: stop.name, deadlineMs: STOP_STEP_DEADLINE_MS }, 'stop step did not finish in time; going on'),
        (error: unknown) => logger.error({ err: error, step: stop.name }, 'stop failed'),
      );
    }
  };
  try {
    // A risk model that cannot load, or does not take the risk features, stops the start
    // first, before any database is started or connected to.
    await riskScorer(config.RISK_MODEL_PATH, logger.child({ component: 'vehicle-risk' }), config.RISK_MODEL_TIMEOUT_MS, config.RISK_MODEL_LOAD_TIMEOUT_MS);
    const postgres = await connectPostgres(config, logger);
    stops.push(function postgresServer() { return postgres.stop(); });
    const store = await createEventStore(config, postgres.url, logger);
    stops.push(function eventStore() { return store.close(); });
    const readPool = new pg.Pool({ connectionString: postgres.url, max: config.PG_POOL_SIZE });
    readPool.on('error', (error) => logger.warn({ err: error }, 'read model pool client failed'));
    stops.push(function readPoolEnd() { return readPool.end(); });

    const publicBaseUrl = `http://${config.HTTP_HOST}:${config.HTTP_PORT}`;
    const evidence = await createEvidenceStore(config, publicBaseUrl);
    const writeSide = WriteSideModule.forRoot({
      // Only blind appends (observations) use expectation `any`: the writer's runs of them merge.
      eventStore: new CoalescingEventStore(store),
      personalDataPool: readPool,
      personalDataSecret: config.PERSONAL_DATA_SECRET,
      policies: writeSidePolicies(config),
      logger: logger.child({ component: 'write-side' }),
    });

    const projections = new ProjectionRunner(readPool, store, ALL_PROJECTIONS, logger.child({ component: 'projections' }), {
      batchSize: config.PROJECTION_BATCH_SIZE,
      batchWindowMs: config.PROJECTION_BATCH_WINDOW_MS,
      retryAttempts: config.PROJECTION_RETRY_ATTEMPTS,
      retryInitialDelayMs: config.PROJECTION_RETRY_DELAY_MS,
      rebuildChangedVersions: config.PROJECTION_REBUILD_CHANGED_VERSIONS,
    });
    await projections.start();
    stops.push(function projectionRunner() { return projections.stop(); });

    const http = await createHttpServer({ settings: config, logger, store, readPool, evidence, writeSide });
    stops.push(function httpServer() { return http.close(); });
    const commandBus = http.app.get(CommandBus);

    const transport = await createTransport(config, logger);
    stops.push(function transportClose() { return transport.close(); });
    const writer = eventWriterOverCommandBus({
      transport,
      bus: commandBus,
      store,
      zonePolicy: domainPolicies(config).zone,
      logger: logger.child({ component: 'event-writer' }),
      groupId: config.WRITER_GROUP_ID,
      keyConcurrency: config.WRITER_KEY_CONCURRENCY,
    });
    await writer.start();
    stops.push(function eventWriter() { return writer.stop(); });

    const expiry = new ExpiryProcess({ bus: commandBus, store, pool: readPool, logger: logger.child({ component: 'expiry' }) });
    await expiry.migrate();
    if (config.EXPIRY_INTERVAL_MS > 0) {
      const stopExpiry = expiry.schedule(config.EXPIRY_INTERVAL_MS);
      stops.push(function expirySchedule() { return stopExpiry(); });
    }

    if (config.DEVICE_HEALTH_INTERVAL_MS > 0) {
      const health = new DeviceHealthMonitor({ pool: readPool, bus: commandBus, logger: logger.child({ component: 'device-health' }), staleAfterMs: config.DEVICE_STALE_AFTER_MS });
      const stopHealth = health.schedule(config.DEVICE_HEALTH_INTERVAL_MS);
      stops.push(function deviceHealth() { return stopHealth(); });
    }

    const enrichment = await startRegistryEnrichment({ config, pool: readPool, store, bus: commandBus, logger });
    stops.push(function registryEnrichment() { return enrichment.stop(); });
    const notifications = await startNotifications({ config, pool: readPool, store, logger });
    stops.push(function notificationOutbox() { return notifications.stop(); });

    let demo: Promise<void> | null = null;
    if (config.DEMO_DATA) {
      // In the background: the API answers meanwhile and infractions appear as they are written.
      // Not awaited on stop: a file ingest publishes only after the whole video, so an
      // interrupted run leaves nothing half-written, and the next start redoes it.
      demo = runDemo({ dataDir: config.DATA_DIR, bus: commandBus, evidence, publisher: transport, tolerances: domainPolicies(config).zone.tolerances, logger }).catch(
        (error: unknown) => logger.error({ err: error }, 'demo failed'),
      );
    }

    logger.info({ url: http.url, postgres: postgres.embedded ? 'embedded' : 'configured', eventStore: config.EVENT_STORE, transport: config.TRANSPORT }, 'Roadledger is up');
    return { config, url: http.url, demo, store, readPool, evidence, transport, commandBus, projections, http, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
