import { defineConfig } from 'vitest/config';

// Where the int and e2e tests find the real services that test/global-setup.ts starts
// (scripts/services/*.sh). src/app/config.ts reads these like any other setting.
const serviceEnv = {
  DATABASE_URL: 'postgres://roadledger:roadledger@127.0.0.1:15432/roadledger',
  REDIS_URL: 'redis://127.0.0.1:16379',
  KAFKA_BROKERS: '127.0.0.1:19092',
  S3_ENDPOINT: 'http://127.0.0.1:19000',
  S3_ACCESS_KEY: 'roadledger',
  S3_SECRET_KEY: 'roadledger-secret',
  S3_BUCKET: 'evidence',
};

// Three tiers by file name. Integration and e2e tests share one global setup that starts
// the real services they need (installing them once) and stops what it started; the unit
// project has no global setup, so `npm run test:unit` starts nothing.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.unit.spec.ts', 'test/**/*.unit.spec.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['src/**/*.int.spec.ts', 'test/**/*.int.spec.ts'],
          globalSetup: ['test/global-setup.ts'],
          env: serviceEnv,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['src/**/*.e2e.spec.ts', 'test/**/*.e2e.spec.ts'],
          globalSetup: ['test/global-setup.ts'],
          env: serviceEnv,
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
