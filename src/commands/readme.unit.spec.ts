// The README's role table is the one the role-matrix integration test walks.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { roleMatrixMarkdown } from './testing/role-matrix.js';

it('shows in src/commands/README.md the role matrix the tests enforce', () => {
  const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
  expect(readme).toContain(roleMatrixMarkdown());
});
