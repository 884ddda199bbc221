// Which operations the response cache may keep, and on which read models each answer depends.
import type { OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { graphqlRuntime } from '../limits/graphql-runtime.js';
import { schemaSource } from '../schema.js';
import { planFor } from './cacheable-operation.js';

// The copy of graphql the server's schema is built with (graphql-runtime.ts).
const { buildSchema, parse } = graphqlRuntime;
const schema = buildSchema(schemaSource());

function plan(text: string, operationName?: string) {
  const document = parse(text);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition' && (operationName === undefined || definition.name?.value === operationName),
  )!;
  return planFor(schema, document, operation);
}

describe('a read of the read models', () => {
  it('depends on the infractions model for the review queue', () => {
    expect(plan('query Queue($after: String) { infractions(first: 20, after: $after) { totalCount edges { node { id plate { text } } } } }')).toEqual({
      sources: ['infractions'],
    });
  });

  it('also depends on the personal-data keys when it asks for the owner (an erasure changes the answer)', () => {
    expect(plan('{ infraction(id: "i-1") { id owner { visibility name } } }')?.sources).toEqual(['infractions', 'personal-data-keys']);
  });

  it('depends on every model its root fields read', () => {
    expect(plan('{ zones { id } dailyReport(from: "2026-01-01", to: "2026-01-31") { detected } __typename }')?.sources).toEqual(['zones', 'zone-daily-stats']);
  });

  it('counts fields in fragments', () => {
    expect(plan('query { infraction(id: "i-1") { ...Who } } fragment Who on Infraction { owner { name } }')?.sources).toContain('personal-data-keys');
  });

  it('judges only the operation asked for in a document of several', () => {
    const document = 'query A { zones { id } } query B { infractionHistory(id: "i-1") { type } }';
    expect(plan(document, 'A')).toEqual({ sources: ['zones'] });
    expect(plan(document, 'B')).toBeNull();
  });
});

describe('never cached', () => {
  it.each([
    ['a signed evidence URL (it expires)', '{ infraction(id: "i-1") { evidence { url } } }'],
    ['a signed evidence URL inside a fragment', '{ infraction(id: "i-1") { ...E } } fragment E on Infraction { evidence { url } }'],
    ['history, as-of and verification (the event store)', '{ infractionHistory(id: "i-1") { type } }'],
    ['projection status (live lag)', '{ projectionStatus { name lagSeconds } }'],
    ['device uptime (closed at the time of the query)', '{ devices { id } }'],
    ['vehicle risk (scored as of now)', '{ vehicleRisk(plate: "ABC123") { score } }'],
    ['introspection', '{ __schema { queryType { name } } }'],
    ['a cacheable field beside an uncacheable one', '{ zones { id } projectionStatus { name } }'],
    ['a mutation', 'mutation { erasePersonalData(commandId: "c", subjectId: "s", reason: "r") { events } }'],
    ['a subscription', 'subscription { infractionChanged(id: "i-1") { revision } }'],
  ])('%s', (_what, text) => {
    expect(plan(text)).toBeNull();
  });
});
