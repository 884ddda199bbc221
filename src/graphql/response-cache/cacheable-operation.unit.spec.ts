// Which operations the response cache may keep, and on which read models each answer depends.
import type { OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { graphqlRuntime } from '../limits/graphql-runtime.js';
import { buildSchema as buildServerSchema, schemaSource } from '../schema.js';
import type { EventFanOut } from '../subscriptions/event-fan-out.js';
import { NESTED_SOURCES, planFor } from './cacheable-operation.js';

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

describe('every field resolver below the root is judged', () => {
  // A field with a resolver of its own may read something other than the root field's read
  // model, and the cache would then serve answers that no signal ever drops. Each such field
  // is either listed in NESTED_SOURCES (a source, or never cacheable) or reviewed here.
  const REVIEWED: Record<string, string> = {
    'Evidence.contentType': 'reads the evidence item of its parent row',
    'InfractionConnection.totalCount': 'counts in the infractions model, the root field\'s own source',
    'CommandResult.infraction': 'only below mutations, which are never cached',
    'InfractionChange.event': 'only below subscriptions, which are never cached',
    'InfractionChange.infraction': 'only below subscriptions, which are never cached',
  };

  it('has no resolver that is neither a known source nor reviewed', () => {
    const roots = new Set(['Query', 'Mutation', 'Subscription']);
    const resolved: string[] = [];
    for (const type of Object.values(buildServerSchema({} as EventFanOut).getTypeMap())) {
      if (roots.has(type.name) || type.name.startsWith('__') || !('getFields' in type) || !('isTypeOf' in type)) continue;
      for (const field of Object.values(type.getFields())) {
        if ('resolve' in field && field.resolve) resolved.push(`${type.name}.${field.name}`);
      }
    }
    expect(resolved.sort()).toEqual([...Object.keys(NESTED_SOURCES), ...Object.keys(REVIEWED)].sort());
  });
});
