/** Boundary rules: the domain is pure and depends on nothing outside itself. */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-domain',
      comment: 'src/domain may import only src/domain (no Nest, pg, kafkajs, graphql, minio, ioredis, other src/).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'no-circular',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.spec\\.ts$' },
  },
};
