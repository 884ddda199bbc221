// A start with a risk model that cannot score (RISK_MODEL_PATH) is refused with an error that
// names the setting and the reason, before anything is started: no HTTP port, no embedded
// PostgreSQL, no connection to a configured one. The same settings with a model that fits
// start and listen, so each check here could fail.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, portOpen } from '../../test/support/free-port.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/postgres.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startRoadledger } from './roadledger.js';

const MODELS = 'test/fixtures/models/risk';
let database: TestDatabase;
let scratch: string;

/** Connections to the test database other than the one asking. */
async function otherConnections(): Promise<number> {
  const { rows } = await database.pool.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  return Number(rows[0]!.n);
}

async function settings(riskModelPath: string, overrides: Record<string, string> = {}) {
  const dataDir = await mkdtemp(join(scratch, 'data-'));
  const env = { DATA_DIR: dataDir, HTTP_PORT: String(await freePort()), RISK_MODEL_PATH: riskModelPath, LOG_LEVEL: 'silent', DEMO_DATA: 'false', EXPIRY_INTERVAL_MS: '0', DEVICE_HEALTH_INTERVAL_MS: '0', ...overrides };
  return { dataDir, config: loadConfig(env) };
}

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 1 });
  scratch = await mkdtemp(join(tmpdir(), 'roadledger-risk-start-'));
});

afterAll(async () => {
  await database?.drop();
  await rm(scratch, { recursive: true, force: true });
});

describe('starting the app with RISK_MODEL_PATH', () => {
  it('refuses a model whose signature does not fit, before starting the embedded PostgreSQL or the API', async () => {
    const embeddedPort = await freePort();
    const { dataDir, config } = await settings(`${MODELS}/risk-three-features.onnx`, { EMBEDDED_PG_PORT: String(embeddedPort) });
    expect(config.DATABASE_URL).toBeUndefined();

    await expect(startRoadledger(config, createLogger('silent'))).rejects.toThrow(
      'RISK_MODEL_PATH: model risk-three-features.onnx has input "features" float32 [batch, 3]; expected one float32 input "features" of shape [batch, 4] (confirmed_offences, recent_offences, repeat_offences, unpaid_fines)',
    );
    expect(await portOpen(config.HTTP_PORT)).toBe(false);
    expect(await portOpen(embeddedPort)).toBe(false);
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('refuses a file that is not a model, before connecting to the configured PostgreSQL', async () => {
    const notAModel = join(scratch, 'risk.onnx');
    await writeFile(notAModel, '<html><body>404 Not Found</body></html>\n');
    const { config } = await settings(notAModel, { DATABASE_URL: database.url });

    await expect(startRoadledger(config, createLogger('silent'))).rejects.toThrow(/^RISK_MODEL_PATH: risk\.onnx is not a model onnxruntime can load: .+/);
    expect(await portOpen(config.HTTP_PORT)).toBe(false);
    expect(await otherConnections()).toBe(0);
  });

  it('refuses a model that does not load within RISK_MODEL_LOAD_TIMEOUT_MS, before connecting to the configured PostgreSQL', async () => {
    // Starting the model's thread and onnxruntime in it takes far more than 1 ms.
    const { config } = await settings(`${MODELS}/risk-linear.onnx`, { DATABASE_URL: database.url, RISK_MODEL_LOAD_TIMEOUT_MS: '1' });

    await expect(startRoadledger(config, createLogger('silent'))).rejects.toThrow(
      'RISK_MODEL_LOAD_TIMEOUT_MS: model risk-linear.onnx did not load within 1 ms; its thread was stopped',
    );
    expect(await portOpen(config.HTTP_PORT)).toBe(false);
    expect(await otherConnections()).toBe(0);
  });

  it('starts and listens with a model that fits, on the same settings', async () => {
    const { config } = await settings(`${MODELS}/risk-linear.onnx`, { DATABASE_URL: database.url });
    const app = await startRoadledger(config, createLogger('silent'));
    try {
      expect(await portOpen(config.HTTP_PORT)).toBe(true);
      expect(await otherConnections()).toBeGreaterThan(0);
    } finally {
      await app.stop();
    }
    expect(await portOpen(config.HTTP_PORT)).toBe(false);
  });
});
