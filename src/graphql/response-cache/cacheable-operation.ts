// Which read operations may be answered from the response cache, and what each answer
// depends on. An answer is cacheable only when it is a function of its document, variables,
// caller and the read models named here: fields that read the clock (uptime, risk as of
// now, signed URLs that expire), the event store (history, as-of, verification) or live
// status are not, and one such field anywhere makes the whole operation uncacheable.
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { graphqlRuntime } from '../limits/graphql-runtime.js';
import { finesLedgerProjection } from '../../projections/fines-ledger/projection.js';
import { infractionsProjection } from '../../projections/infractions/projection.js';
import { operatorWorkloadProjection } from '../../projections/operator-workload/projection.js';
import { PERSONAL_DATA_KEYS } from '../../projections/read-model-changes.js';
import { topViolatorsProjection } from '../../projections/top-violators/projection.js';
import { zoneDailyStatsProjection } from '../../projections/zone-daily-stats/projection.js';
import { zonesProjection } from '../../projections/zones/projection.js';

/** Root query fields answered from one read model each (their SQL reads only its views). */
const ROOT_SOURCES: Readonly<Record<string, string>> = {
  infractions: infractionsProjection.name,
  infraction: infractionsProjection.name,
  zones: zonesProjection.name,
  dailyReport: zoneDailyStatsProjection.name,
  topViolators: topViolatorsProjection.name,
  finesLedger: finesLedgerProjection.name,
  operatorWorkload: operatorWorkloadProjection.name,
};

/** Fields below the root that read something else: a source the answer then depends on, or null (never cacheable). */
export const NESTED_SOURCES: Readonly<Record<string, string | null>> = {
  // Decrypted with the person's key: an erasure changes the answer without any projection moving.
  'Infraction.owner': PERSONAL_DATA_KEYS,
  // Signed for a short time from the moment of the request.
  'Evidence.url': null,
};

/** The sources an operation's answer depends on, or null when it must never be cached. */
export type CachePlan = { sources: readonly string[] } | null;

export function planFor(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): CachePlan {
  if (operation.operation !== 'query') return null;
  const sources = new Set<string>();
  let cacheable = true;
  // The copy of graphql the schema was built with (see graphql-runtime.ts).
  const { TypeInfo, visit, visitWithTypeInfo, getNamedType } = graphqlRuntime;
  const typeInfo = new TypeInfo(schema);
  const queryType = schema.getQueryType();
  // Every definition, fragments included: a field in a fragment counts even if it is not spread (erring towards not caching).
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition(node) {
        if (node !== operation) return false; // another operation of the document is not this answer
        return undefined;
      },
      Field(node) {
        const parent = typeInfo.getParentType();
        const name = node.name.value;
        if (name === '__typename') return;
        if (name.startsWith('__') || !parent) {
          cacheable = false;
          return;
        }
        if (parent === queryType) {
          const source = ROOT_SOURCES[name];
          if (source === undefined) cacheable = false;
          else sources.add(source);
          return;
        }
        const nested = NESTED_SOURCES[`${getNamedType(parent).name}.${name}`];
        if (nested === null) cacheable = false;
        else if (nested !== undefined) sources.add(nested);
      },
    }),
  );
  return cacheable && sources.size > 0 ? { sources: [...sources] } : null;
}

const plans = new WeakMap<DocumentNode, Map<OperationDefinitionNode, CachePlan>>();

/** planFor, kept per parsed document (Apollo hands back the same document for the same query text). */
export function cachedPlanFor(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): CachePlan {
  let byOperation = plans.get(document);
  if (!byOperation) plans.set(document, (byOperation = new Map()));
  let plan = byOperation.get(operation);
  if (plan === undefined) byOperation.set(operation, (plan = planFor(schema, document, operation)));
  return plan;
}

