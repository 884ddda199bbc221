// The cost of an operation with its variables: every field costs 1, and a list field's
// page size (`first` or `limit`) multiplies the cost of what is selected under it. It runs
// in didResolveOperation because validation rules cannot see variables, and `first: $n`
// must cost what $n says.
import { isObjectType, Kind, type DocumentNode, type GraphQLSchema, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';

const PAGE_ARGUMENTS = new Set(['first', 'limit']);
const DEFAULT_PAGE = 20;

/** Page size of each field that takes `first` or `limit`, when the query leaves it out: the schema's default. */
export function pageDefaults(schema: GraphQLSchema): Map<string, number> {
  const defaults = new Map<string, number>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const page = field.args.find((arg) => PAGE_ARGUMENTS.has(arg.name));
      if (page) defaults.set(field.name, typeof page.defaultValue === 'number' ? page.defaultValue : DEFAULT_PAGE);
    }
  }
  return defaults;
}

function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.INT) return Number(node.value);
  return undefined;
}

export function operationCost(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  defaults: ReadonlyMap<string, number> = new Map(),
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const visiting = new Set<string>();
  const costOf = (selectionSet: SelectionSetNode | undefined): number => {
    if (!selectionSet) return 0;
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const page = selection.arguments?.find((argument) => PAGE_ARGUMENTS.has(argument.name.value));
        const paged = page !== undefined || defaults.has(selection.name.value);
        const size = page ? valueOf(page.value, variables) : undefined;
        const multiplier = paged ? (typeof size === 'number' && size > 0 ? size : (defaults.get(selection.name.value) ?? DEFAULT_PAGE)) : 1;
        total += 1 + multiplier * costOf(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += costOf(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A fragment cycle is a validation error already; never recurse into one here.
        if (!fragment || visiting.has(name)) continue;
        visiting.add(name);
        total += costOf(fragment.selectionSet);
        visiting.delete(name);
      }
    }
    return total;
  };
  return costOf(operation.selectionSet);
}
