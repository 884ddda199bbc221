// The resolver types are generated from schema.graphql; this regenerates them in memory
// and fails when the checked-in file differs (run `npm run codegen` and commit).
import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { expect, it } from 'vitest';
import config, { RESOLVER_TYPES_FILE } from '../../../codegen.js';

it('matches what graphql-codegen generates from schema.graphql', async () => {
  const outputs = await generate({ ...config, cwd: process.cwd(), silent: true }, false);
  const generated = outputs.find((output: { filename: string; content: string }) => output.filename.endsWith(RESOLVER_TYPES_FILE));
  expect(generated, 'codegen produced the resolver types').toBeDefined();
  expect(readFileSync(RESOLVER_TYPES_FILE, 'utf8'), 'src/graphql/generated is stale: run `npm run codegen`').toBe(generated!.content);
}, 60_000);
