import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.services/', '.data/', 'coverage/', 'reports/', 'src/graphql/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Configuration has one typed source (src/app/config.ts).
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings through src/app/config.ts.' }],
    },
  },
  {
    files: ['src/app/config.ts', 'test/**', 'scripts/**', 'bench/**', '**/*.spec.ts', 'vitest.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The domain is pure: no clock and no randomness; time and ids come in on commands.
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time comes in on the command.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time comes in on the command.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Ids come in on the command.' },
      ],
    },
  },
);
