// graphql as Node itself loads it (its CommonJS build): the copy graphql-ws, Apollo and the
// executable schema use. graphql-ws tells errors from execution arguments by instanceof, and
// validation refuses a schema of another copy; a test runner that bundles our own imports
// may hand this code the ES module build instead, so the socket path takes this one.
import { createRequire } from 'node:module';
import type * as GraphQL from 'graphql';

export const graphqlRuntime = createRequire(import.meta.url)('graphql') as typeof GraphQL;

/** An error graphql-ws sends to the client as the operation's `error` message. */
export function socketError(message: string, extensions: Record<string, unknown>, nodes?: GraphQL.ASTNode | readonly GraphQL.ASTNode[] | null): GraphQL.GraphQLError {
  return new graphqlRuntime.GraphQLError(message, { nodes: nodes ?? undefined, extensions });
}
