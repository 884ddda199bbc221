// A schema-driven fuzz pass: every query and mutation of the schema (read from the
// server's introspection) called with random arguments, valid and invalid, by random
// roles. Whatever comes in, the answer is a typed error or data, never an
// INTERNAL_SERVER_ERROR or a 5xx.
import { buildClientSchema, getIntrospectionQuery, type GraphQLField, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TokenRole } from './auth/claims.js';
import { apiWorld, type ApiWorld } from './testing/api-world.js';
import { fuzzCase, seeded } from './testing/schema-fuzz.js';

const SEED = 20260101;
const CASES_PER_FIELD = 8;
const ROLES: TokenRole[] = ['admin', 'supervisor', 'operator', 'auditor', 'device', 'service'];

let world: ApiWorld;
beforeAll(async () => {
  world = await apiWorld({ RATE_LIMIT_POINTS: 10_000 });
});
afterAll(async () => world?.close());

it(`answers ${CASES_PER_FIELD} random calls of every query and mutation without an internal error (seed ${SEED})`, async () => {
  const introspection = await world.gql<IntrospectionQuery>(await world.token('admin'), getIntrospectionQuery());
  const schema = buildClientSchema(introspection.data!);
  const random = seeded(SEED);
  const fields: Array<['query' | 'mutation', GraphQLField<unknown, unknown>]> = [
    ...Object.values(schema.getQueryType()!.getFields()).map((field) => ['query', field] as ['query', GraphQLField<unknown, unknown>]),
    ...Object.values(schema.getMutationType()!.getFields()).map((field) => ['mutation', field] as ['mutation', GraphQLField<unknown, unknown>]),
  ];
  const failures: unknown[] = [];
  let badInput = 0;
  let answered = 0;
  for (const [operation, field] of fields) {
    for (let i = 0; i < CASES_PER_FIELD; i++) {
      const sample = fuzzCase(operation, field, random);
      const role = ROLES[Math.floor(random() * ROLES.length)]!;
      const response = await world.gql(await world.token(role, role === 'device' ? 'device-1' : `${role}-fuzz`), sample.document, sample.variables);
      const codes = (response.errors ?? []).map((error) => error.extensions?.code);
      if (response.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR') || codes.includes(undefined)) {
        failures.push({ role, status: response.status, document: sample.document, variables: sample.variables, errors: response.errors });
      }
      if (codes.includes('BAD_USER_INPUT')) {
        badInput++;
        const error = response.errors!.find((e) => e.extensions?.code === 'BAD_USER_INPUT')!;
        expect(error.extensions?.field, JSON.stringify(error)).toEqual(expect.any(String));
      }
      if (!sample.valid) expect(codes.length, `an invalid call of ${field.name} must be refused`).toBeGreaterThan(0);
      answered++;
    }
  }
  expect(failures).toEqual([]);
  expect(answered).toBe(fields.length * CASES_PER_FIELD);
  // The pass exercised input validation, not only the happy path.
  expect(badInput).toBeGreaterThan(answered / 5);
});
