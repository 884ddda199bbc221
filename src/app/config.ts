// The one typed source of configuration: parsed from the environment with zod, with
// defaults that run everything embedded (no external service needed).
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/** A setting holding JSON, checked by `schema`; the error names the setting. */
const json = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const ToleranceRulesSchema = z
  .array(
    z.object({
      jurisdiction: z.string().min(1),
      fixedKmh: z.number().min(0),
      percent: z.object({ aboveKmh: z.number().min(0), percent: z.number().min(0).max(100) }).optional(),
    }),
  )
  .min(1);

const PlateFormatsSchema = z
  .array(
    z.object({
      name: z.string().min(1),
      pattern: z.string().refine((pattern) => {
        try {
          new RegExp(pattern);
          return true;
        } catch {
          return false;
        }
      }, 'must be a regular expression'),
      canonical: z.string().min(1),
    }),
  )
  .min(1);

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATA_DIR: z.string().default('.data'),

  // PostgreSQL: with no DATABASE_URL, an embedded PostgreSQL is started under DATA_DIR.
  DATABASE_URL: z.string().url().optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().default(54320),
  PG_POOL_SIZE: z.coerce.number().int().min(1).default(10),

  // Projections: batches of up to PROJECTION_BATCH_SIZE events or PROJECTION_BATCH_WINDOW_MS,
  // a failing batch retried PROJECTION_RETRY_ATTEMPTS times from PROJECTION_RETRY_DELAY_MS
  // (doubling) before the poison event stops the projection; a changed projection version
  // is rebuilt (blue/green) at start-up when PROJECTION_REBUILD_CHANGED_VERSIONS is set.
  PROJECTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  PROJECTION_BATCH_WINDOW_MS: z.coerce.number().int().min(0).default(50),
  PROJECTION_RETRY_ATTEMPTS: z.coerce.number().int().min(1).default(3),
  PROJECTION_RETRY_DELAY_MS: z.coerce.number().int().min(0).default(200),
  PROJECTION_REBUILD_CHANGED_VERSIONS: bool.default(false),

  EVENT_STORE: z.enum(['postgres', 'eventstoredb']).default('postgres'),
  EVENTSTORE_CONNECTION_STRING: z.string().optional(),

  TRANSPORT: z.enum(['in-process', 'kafka']).default('in-process'),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:19092')
    .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean)),
  KAFKA_CLIENT_ID: z.string().default('roadledger'),
  KAFKA_PARTITIONS: z.coerce.number().int().min(1).default(6),
  KAFKA_LAG_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
  // Event writer: its consumer group, and how many devices of one batch it applies at once.
  WRITER_GROUP_ID: z.string().min(1).default('roadledger-event-writer'),
  WRITER_KEY_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),

  EVIDENCE_STORE: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.string().url().default('http://127.0.0.1:19000'),
  S3_ACCESS_KEY: z.string().default('roadledger'),
  S3_SECRET_KEY: z.string().default('roadledger-secret'),
  S3_BUCKET: z.string().default('evidence'),
  S3_REGION: z.string().default('us-east-1'),

  CACHE: z.enum(['memory', 'redis']).default('memory'),
  REDIS_URL: z.string().default('redis://127.0.0.1:16379'),

  // Vehicle registry (owner look-up): `file` serves the bundled demo plates (or REGISTRY_FILE), `http` a registry API.
  REGISTRY: z.enum(['file', 'http']).default('file'),
  REGISTRY_FILE: z.string().min(1).optional(),
  REGISTRY_URL: z.string().url().default('http://127.0.0.1:18080'),
  REGISTRY_API_KEY: z.string().default(''),
  REGISTRY_API_KEY_HEADER: z.string().min(1).default('X-Api-Key'),
  REGISTRY_TIMEOUT_MS: z.coerce.number().int().min(1).default(2_000),
  REGISTRY_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).default(86_400),
  /** Consecutive failures that open the registry's circuit breaker, and how long it stays open before one trial call. */
  REGISTRY_BREAKER_FAILURES: z.coerce.number().int().min(1).default(5),
  REGISTRY_BREAKER_HALF_OPEN_MS: z.coerce.number().int().min(1).default(30_000),
  /** A look-up that failed is retried later, this many times at most, the delay doubling from REGISTRY_RETRY_DELAY_MS. */
  REGISTRY_RETRY_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(8),
  REGISTRY_RETRY_DELAY_MS: z.coerce.number().int().min(1).default(60_000),

  // Notifications: with no SMTP_URL, messages wait in the outbox and nothing is sent.
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Roadledger <roadledger@localhost>'),
  NOTIFY_POLL_INTERVAL_MS: z.coerce.number().int().min(10).default(1_000),

  JWT_SECRET: z.string().min(16).default('roadledger-local-development-secret'),
  JWT_JWKS_URL: z.string().url().optional(),
  // GraphQL API limits: query depth, query cost (list sizes multiply), requests per user per window.
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).default(10),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(1).default(5_000),
  RATE_LIMIT_POINTS: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  // Answers to read queries kept in memory while the read models they read have not moved
  // (src/graphql/response-cache); off with false. The bound is on the answers' bytes.
  GRAPHQL_RESPONSE_CACHE: bool.default(true),
  GRAPHQL_RESPONSE_CACHE_MB: z.coerce.number().int().min(1).max(4096).default(64),
  // Subscriptions (graphql-ws): open at once per user, and new ones per user per window.
  SUBSCRIPTIONS_PER_USER: z.coerce.number().int().min(1).default(20),
  SUBSCRIBE_RATE_POINTS: z.coerce.number().int().min(1).default(60),
  SUBSCRIBE_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  /** How long a signed evidence URL handed out by the API stays valid. */
  EVIDENCE_URL_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),

  REVIEW_DEADLINE_DAYS: z.coerce.number().int().min(1).default(30),
  PLATE_CONFIDENCE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.7),
  // Domain policies (see src/app/domain-policies.ts); unset = the domain's defaults.
  CALIBRATION_MAX_ERROR_METRES: z.coerce.number().positive().default(0.5),
  /** JSON array of { jurisdiction, fixedKmh, percent?: { aboveKmh, percent } }. */
  SPEED_TOLERANCES: json(ToleranceRulesSchema).optional(),
  /** JSON array of { name, pattern, canonical } over the compact plate text. */
  PLATE_FORMATS: json(PlateFormatsSchema).optional(),
  DEMO_DATA: bool.default(true),

  // Command side: personal data keys derive from this secret (subject ids and key wrapping).
  PERSONAL_DATA_SECRET: z.string().min(16).default('roadledger-local-personal-data-secret'),
  /** Attempts of load -> decide -> append before a command answers CONFLICT. */
  COMMAND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  /** How often the expiry process looks for infractions past their review deadline (0: never). */
  // Device health: a camera silent for DEVICE_STALE_AFTER_MS goes STALE (checked every
  // DEVICE_HEALTH_INTERVAL_MS; 0 turns the monitor off).
  DEVICE_STALE_AFTER_MS: z.coerce.number().int().min(1_000).default(120_000),
  DEVICE_HEALTH_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
  EXPIRY_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  /** An ONNX model that replaces the risk formula (README: "Risk score"); unset: the formula. */
  RISK_MODEL_PATH: z.string().min(1).optional(),
  /** The longest one risk scoring by the model may take; past it the formula answers (README: "Risk score"). */
  RISK_MODEL_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(250),
  /** The longest the risk model may take to load (at the start, and at each restart of its thread); past it the start is refused. */
  RISK_MODEL_LOAD_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(30_000),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return parsed.data;
}
