// graphql-codegen: resolver types from schema.graphql (`npm run codegen`). The unit test
// src/graphql/generated/up-to-date.unit.spec.ts regenerates in memory and fails when the
// checked-in file differs, so the types can never drift from the schema.
import type { CodegenConfig } from '@graphql-codegen/cli';

export const RESOLVER_TYPES_FILE = 'src/graphql/generated/resolvers-types.ts';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  overwrite: true,
  generates: {
    [RESOLVER_TYPES_FILE]: {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: '../context.js#GraphQLContext',
        mappers: {
          Infraction: '../views/infraction-view.js#InfractionView',
          Evidence: '../../domain/infraction/events.js#EvidenceRef',
          InfractionChange: '../views/infraction-change.js#InfractionChangeView',
          CommandResult: '../views/command-result.js#CommandResultView',
          InfractionConnection: '../views/infraction-connection.js#InfractionConnectionView',
        },
        scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown' },
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        maybeValue: 'T | null',
        inputMaybeValue: 'T | null | undefined',
      },
    },
  },
};

export default config;
