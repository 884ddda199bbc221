// The projection process of the crash specification: runs the runner over every read
// model until it is killed. Usage: node crash-child.js <database-url>
import pg from 'pg';
import { createLogger } from '../../app/logger.js';
import { PostgresEventStore } from '../../event-store/postgres/postgres-event-store.js';
import { ALL_PROJECTIONS } from '../all.js';
import { ProjectionRunner } from '../runner/runner.js';

const url = process.argv[2];
if (!url) throw new Error('usage: crash-child <database-url>');
const logger = createLogger('warn', 'crash-child');
const store = new PostgresEventStore({ connectionString: url, logger, pollIntervalMs: 100 });
const pool = new pg.Pool({ connectionString: url, max: 12 });
// Small batches, so a kill at a random moment nearly always lands inside an open batch transaction.
const runner = new ProjectionRunner(pool, store, ALL_PROJECTIONS, logger, { batchSize: 100, batchWindowMs: 20 });
await runner.start();
process.stdout.write('started\n');
