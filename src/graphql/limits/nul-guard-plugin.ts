// PostgreSQL cannot store a NUL character in text or jsonb: a string argument carrying one
// would pass the resolvers, land in an event and then stop a projection. Refused here, for
// every argument at once, as BAD_USER_INPUT naming where it was.
import type { ApolloServerPlugin } from '@apollo/server';
import { visit, type DocumentNode, type GraphQLError } from 'graphql';
import type { GraphQLContext } from '../context.js';
import { badInput } from '../errors.js';

const NUL = '\u0000';

function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulPath(item, `${path}.${index}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulPath(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

function literalWithNul(document: DocumentNode): string | null {
  let found: string | null = null;
  const argumentNames: string[] = [];
  visit(document, {
    Argument: { enter: (node) => void argumentNames.push(node.name.value), leave: () => void argumentNames.pop() },
    ObjectField: { enter: (node) => void argumentNames.push(node.name.value), leave: () => void argumentNames.pop() },
    StringValue(node) {
      if (!found && node.value.includes(NUL)) found = argumentNames.join('.') || 'input';
    },
  });
  return found;
}

/** The refusal of an operation with a NUL in a variable or an inline argument, or null. */
export function nulCheck(): (document: DocumentNode, variables: Record<string, unknown>) => GraphQLError | null {
  // Apollo hands back the same parsed document for the same query text, so its literals
  // are walked once per document, not once per request; only the variables change.
  const literalsChecked = new WeakMap<DocumentNode, string | null>();
  const literalField = (document: DocumentNode): string | null => {
    let found = literalsChecked.get(document);
    if (found === undefined) literalsChecked.set(document, (found = literalWithNul(document)));
    return found;
  };
  return (document, variables) => {
    const field = nulPath(variables, '') ?? literalField(document);
    return field ? badInput(field, 'must not contain a NUL character') : null;
  };
}

export function nulGuardPlugin(): ApolloServerPlugin<GraphQLContext> {
  const refusalOf = nulCheck();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const refusal = refusalOf(document, request.variables ?? {});
          if (refusal) throw refusal;
        },
      };
    },
  };
}
