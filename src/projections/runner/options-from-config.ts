// The runner's settings from the typed configuration, for the service and the CLI alike.
import type { Config } from '../../app/config.js';
import type { RunnerOptions } from './runner.js';

export function runnerOptionsFrom(config: Config): Partial<RunnerOptions> {
  return {
    batchSize: config.PROJECTION_BATCH_SIZE,
    batchWindowMs: config.PROJECTION_BATCH_WINDOW_MS,
    retryAttempts: config.PROJECTION_RETRY_ATTEMPTS,
    retryInitialDelayMs: config.PROJECTION_RETRY_DELAY_MS,
    rebuildChangedVersions: config.PROJECTION_REBUILD_CHANGED_VERSIONS,
  };
}
