// Random arguments for any field, driven by the schema: values of the right type (edge
// cases included) and values of the wrong type, a missing required one, or null where
// null is not allowed. Seeded, so a failing case can be replayed.
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
} from 'graphql';

export type Random = () => number;

export function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

const STRINGS = ['', ' ', 'inf-1', 'ABC-123', 'zone-1', 'device-1', "'; DROP TABLE events; --", '💥🚦', 'x'.repeat(5000), '../../etc/passwd', '\u0000', 'null'];
const INTS = [0, 1, -1, 20, 100, 101, 2147483647, -2147483648];
const FLOATS = [0, -0.5, 1.5, 50, 1e308, -1e308, 0.7];
const INSTANTS = ['2026-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-02-30T00:00:00Z', 'yesterday', ''];
const DAYS = ['2026-01-01', '2026-13-01', '', 'today'];

function scalarValue(name: string, random: Random): unknown {
  switch (name) {
    case 'Int':
      return pick(random, INTS);
    case 'Float':
      return pick(random, FLOATS);
    case 'Boolean':
      return random() < 0.5;
    case 'DateTime':
      return pick(random, INSTANTS);
    case 'Date':
      return pick(random, DAYS);
    case 'JSON':
      return pick(random, [{}, [], 'x', 1, { nested: { deep: [1, 2] } }]);
    default:
      return pick(random, STRINGS);
  }
}

/** A value that fits `type` (though it may break the domain's rules). */
export function validValue(type: GraphQLInputType, random: Random, depth = 0): unknown {
  if (isNonNullType(type)) return validValue(type.ofType, random, depth);
  if (isListType(type)) return Array.from({ length: depth > 3 ? 0 : Math.floor(random() * 3) }, () => validValue(type.ofType, random, depth + 1));
  if (isEnumType(type)) return pick(random, type.getValues()).name;
  if (isScalarType(type)) return scalarValue(type.name, random);
  const value: Record<string, unknown> = {};
  for (const field of Object.values(type.getFields())) {
    if (isNonNullType(field.type) || random() < 0.5) value[field.name] = validValue(field.type, random, depth + 1);
  }
  return value;
}

/** A value GraphQL's own coercion must refuse: the wrong type, or null where it is required. */
export function invalidValue(type: GraphQLInputType, random: Random): unknown {
  if (isNonNullType(type) && random() < 0.3) return null;
  const named = getNamedType(type);
  if (isEnumType(named)) return 'NOT_A_VALUE';
  if (isInputObjectType(named)) return pick(random, ['a string', 42, { unknownField: 1 }]);
  if (isScalarType(named) && ['Int', 'Float'].includes(named.name)) return pick(random, ['ten', 'Infinity', true]);
  if (isScalarType(named) && named.name === 'Boolean') return 'yes';
  return pick(random, [{ an: 'object' }, [1, 2], true]);
}

/** Leaf fields of an output type, and object fields without required arguments, two levels down. */
export function selectionOf(type: GraphQLOutputType, depth = 0): string {
  const named: GraphQLNamedType = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named) || depth > 2) return '{ __typename }';
  const parts: string[] = ['__typename'];
  for (const field of Object.values(named.getFields()) as GraphQLField<unknown, unknown>[]) {
    if (field.args.some((arg) => isNonNullType(arg.type))) continue;
    const inner = selectionOf(field.type, depth + 1);
    if (inner === '{ __typename }' && depth > 1) continue;
    parts.push(inner ? `${field.name} ${inner}` : field.name);
  }
  return `{ ${parts.join(' ')} }`;
}

export interface FuzzCase {
  document: string;
  variables: Record<string, unknown>;
  valid: boolean;
}

export function fuzzCase(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, random: Random): FuzzCase {
  const valid = random() < 0.6;
  const spoiled = valid || field.args.length === 0 ? -1 : Math.floor(random() * field.args.length);
  const variables: Record<string, unknown> = {};
  field.args.forEach((arg, index) => {
    if (index === spoiled) {
      if (random() < 0.2) return; // left out altogether
      variables[arg.name] = invalidValue(arg.type, random);
    } else if (isNonNullType(arg.type) || random() < 0.6) {
      variables[arg.name] = validValue(arg.type, random);
    }
  });
  const declarations = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const document = `${operation}${declarations ? `(${declarations})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selectionOf(field.type)} }`;
  return { document, variables, valid: spoiled < 0 };
}
