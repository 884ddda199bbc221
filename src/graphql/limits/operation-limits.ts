// The limits every operation meets, whatever carried it (HTTP through Apollo, or a
// graphql-ws socket): query depth as a validation rule, and cost with the variables.
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { buildSchema, GraphQLError, type DocumentNode, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import { operationCost, pageDefaults } from './query-cost.js';

/** Depth above `maxDepth` is reported as a validation error (a 400), never thrown (a 500). */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return maxDepthRule({
    n: maxDepth,
    ignoreIntrospection: true,
    propagateOnRejection: false,
    onReject: [(context, error) => context?.reportError(error)],
  });
}

export type CostCheck = (document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>) => GraphQLError | null;

/** The refusal of an operation whose cost with its variables is above `maxCost`, or null. */
export function costCheck(maxCost: number, typeDefs: string): CostCheck {
  // From the SDL rather than the executable schema: built here, it never mixes classes of
  // two copies of graphql (a test runner may load one for this module, Node another for Apollo).
  const defaults = pageDefaults(buildSchema(typeDefs));
  return (document, operation, variables) => {
    const cost = operationCost(document, operation, variables, defaults);
    if (cost <= maxCost) return null;
    return new GraphQLError(`Query cost ${cost} is above the limit of ${maxCost}: ask for fewer rows or fields`, {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost, maxCost, http: { status: 400 } },
    });
  };
}
