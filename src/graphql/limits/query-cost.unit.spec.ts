import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schemaSource } from '../schema.js';
import { operationCost, pageDefaults } from './query-cost.js';

const defaults = pageDefaults(buildSchema(schemaSource()));

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  return operationCost(document, document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode, variables, defaults);
}

describe('query cost', () => {
  it('counts one per field', () => expect(cost('{ projectionStatus { name state } }')).toBe(3));

  it('multiplies what is under a page by its literal size', () =>
    expect(cost('{ infractions(first: 10) { edges { node { id } } } }')).toBe(1 + 10 * (1 + 2)));

  it('takes the page size from the variables', () => {
    const query = 'query($n: Int) { infractions(first: $n) { edges { node { id } } } }';
    expect(cost(query, { n: 5 })).toBe(1 + 5 * 3);
    expect(cost(query, { n: 100 })).toBe(1 + 100 * 3);
  });

  it("assumes the schema's default page when the size is not given", () => expect(cost('{ infractions { totalCount } }')).toBe(1 + 20 * 1));

  it('counts fragments where they are spread, and ignores introspection', () =>
    expect(cost('query { infractions(first: 2) { ...page } __schema { types { name } } } fragment page on InfractionConnection { totalCount edges { cursor } }')).toBe(1 + 2 * (1 + 2)));
});
