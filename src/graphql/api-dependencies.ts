// Everything the API needs from the rest of the system, handed in by the composition root.
import type pg from 'pg';
import type { CommandBus } from '@nestjs/cqrs';
import type { Config } from '../app/config.js';
import type { Logger } from '../app/logger.js';
import type { EventStore } from '../event-store/port.js';
import type { EvidenceStore } from '../evidence/port.js';
import type { PersonalDataVault } from '../personal-data/personal-data-vault.js';

export type ApiSettings = Pick<
  Config,
  | 'HTTP_HOST'
  | 'HTTP_PORT'
  | 'JWT_SECRET'
  | 'JWT_JWKS_URL'
  | 'CACHE'
  | 'REDIS_URL'
  | 'SPEED_TOLERANCES'
  | 'GRAPHQL_MAX_DEPTH'
  | 'GRAPHQL_MAX_COST'
  | 'RATE_LIMIT_POINTS'
  | 'RATE_LIMIT_WINDOW_SECONDS'
  | 'GRAPHQL_RESPONSE_CACHE'
  | 'GRAPHQL_RESPONSE_CACHE_MB'
  | 'SUBSCRIPTIONS_PER_USER'
  | 'SUBSCRIBE_RATE_POINTS'
  | 'SUBSCRIBE_RATE_WINDOW_SECONDS'
  | 'EVIDENCE_URL_TTL_SECONDS'
  | 'RISK_MODEL_PATH'
  | 'RISK_MODEL_TIMEOUT_MS'
  | 'RISK_MODEL_LOAD_TIMEOUT_MS'
>;

export interface ApiServices {
  settings: ApiSettings;
  logger: Logger;
  store: EventStore;
  /** Pool on the database of the read models (the `read_models` views and projection status). */
  readPool: pg.Pool;
  evidence: EvidenceStore;
  /** Decrypts owners for the roles that may see them. */
  personalData: Pick<PersonalDataVault, 'decrypt'>;
  commandBus: CommandBus;
  /** Wall clock for command metadata (`now`); tests may pin it. */
  now: () => Date;
}
