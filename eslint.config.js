// ESLint with type-aware rules, and the package boundaries of DESIGN.md.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const boundary = (group, message) => ({ 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] });

// TypeScript sources everywhere, the React clients' .tsx included. Each file is typed by its nearest
// tsconfig.json (packages/web and packages/widget have their own, with the DOM and JSX).
const TS_FILES = ['**/*.ts', '**/*.tsx'];

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'data/**', 'coverage/**', '**/dist/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: TS_FILES })),
  {
    files: TS_FILES,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    rules: {
      ...boundary(
        ['node:*', '@tandem/*', 'fs', 'path', 'crypto', 'pg', '@electric-sql/*', 'fastify', 'drizzle-orm*'],
        'core is pure: no I/O and nothing from the workspace',
      ),
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'time comes in through the Clock port' },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'core reads no environment' }],
    },
  },
  {
    files: ['packages/store/src/**/*.ts'],
    rules: boundary(['@tandem/server', '@tandem/client', '@tandem/cli', '@tandem/web'], 'store depends on core only'),
  },
  {
    files: ['packages/server/src/**/*.ts'],
    rules: boundary(['@tandem/client', '@tandem/cli', '@tandem/web'], 'server does not depend on its clients'),
  },
  {
    files: ['packages/client/src/**/*.ts'],
    rules: boundary(
      ['@tandem/server', '@tandem/store', '@tandem/cli'],
      'the client talks to the server over HTTP only',
    ),
  },
  {
    // The rules of hooks and the React Compiler's checks, for components and hooks.
    ...reactHooks.configs.flat.recommended,
    files: ['**/*.tsx', 'packages/web/src/**/*.ts', 'packages/widget/src/**/*.ts'],
    rules: { ...reactHooks.configs.flat.recommended.rules, 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['packages/web/**/*.ts', 'packages/web/**/*.tsx', 'packages/widget/**/*.ts', 'packages/widget/**/*.tsx'],
    rules: boundary(
      ['@tandem/server', '@tandem/store', '@tandem/core', '@tandem/cli'],
      'the browser clients talk to the server through @tandem/client only',
    ),
  },
  {
    files: ['**/test/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    ...tseslint.configs.disableTypeChecked,
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
