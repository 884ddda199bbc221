// Scalars that validate what they accept, so a malformed instant or day is BAD_USER_INPUT
// at coercion time instead of a failure deep in a resolver.
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function parsed(kind: string, pattern: RegExp, value: unknown): string {
  if (typeof value !== 'string' || !pattern.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError(`${kind} cannot represent ${JSON.stringify(value)}: expected ${kind === 'DateTime' ? 'an ISO-8601 instant with an offset' : 'yyyy-mm-dd'}`);
  }
  return value;
}

function scalar(name: 'DateTime' | 'Date', pattern: RegExp, serialize: (value: unknown) => string): GraphQLScalarType {
  return new GraphQLScalarType({
    name,
    serialize,
    parseValue: (value) => parsed(name, pattern, value),
    parseLiteral: (ast) => parsed(name, pattern, ast.kind === Kind.STRING ? ast.value : undefined),
  });
}

/** The form toISOString() writes: the views already hand instants over in it, and it is passed as is. */
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const DateTimeScalar = scalar('DateTime', INSTANT, (value) => {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && CANONICAL_INSTANT.test(value)) return value;
  return new Date(String(value)).toISOString();
});
export const DateScalar = scalar('Date', DAY, (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)));

export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
});
