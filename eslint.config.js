// @ts-check
/**
 * Lint: promise safety everywhere, and the import boundaries of docs/architecture.md (DESIGN §2)
 * enforced by tools rather than by memory (STYLE habit 1).
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import svelte from 'eslint-plugin-svelte';

/** @param {string[]} names @param {string} why */
const ban = (names, why) => names.map((name) => ({ group: [name, `${name}/*`], message: why }));

const NOT_IN_PACKAGES = ban(
  ['dexie', 'hono', '@hono/*', '$app', '@sveltejs/*', '@carekey/server', '@carekey/web'],
  'packages/* never import the web app, the relay or their frameworks (DESIGN §2).',
);
const NODE_BUILTINS = [{ group: ['node:*'], message: 'This package runs in browsers too: Node built-ins only in src/node/ and tests.' }];
const LEAVE_PACKAGE = [{ group: ['../../../*'], message: 'Import another package by its name, not by a path into it.' }];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'web/build/**',
      '**/.svelte-kit/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...svelte.configs.recommended,
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: tseslint.parser },
    },
  },
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'off', // adapters implement async interfaces synchronously
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-globals': ['error', { name: 'Math.random', message: 'Randomness comes from libsodium (randomBytes/randomInt).' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Randomness comes from libsodium (randomBytes/randomInt).' },
      ],
    },
  },
  {
    files: ['packages/crypto/src/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...ban(['@carekey/*'], 'crypto imports nothing of ours (DESIGN §2).'),
            ...NOT_IN_PACKAGES,
            ...NODE_BUILTINS,
            ...LEAVE_PACKAGE,
          ],
        },
      ],
    },
  },
  {
    // libsodium lives behind one file (STYLE habit 4).
    files: ['**/*.ts', '**/*.js'],
    ignores: ['packages/crypto/src/sodium.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportDeclaration[source.value=/^libsodium/]', message: 'Only packages/crypto/src/sodium.ts imports libsodium.' },
      ],
    },
  },
  {
    files: ['packages/record/src/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...ban(['@carekey/client', '@carekey/protocol', '@carekey/cli'], 'record imports only @carekey/crypto (DESIGN §2).'),
            ...NOT_IN_PACKAGES,
            ...NODE_BUILTINS,
            ...LEAVE_PACKAGE,
          ],
        },
      ],
    },
  },
  {
    files: ['packages/protocol/src/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...ban(['@carekey/client', '@carekey/record', '@carekey/cli'], 'protocol imports only @carekey/crypto (DESIGN §2).'),
            ...NOT_IN_PACKAGES,
            ...NODE_BUILTINS,
            ...LEAVE_PACKAGE,
          ],
        },
      ],
    },
  },
  {
    files: ['packages/client/src/**'],
    ignores: ['packages/client/src/node/**', 'packages/client/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...ban(['@carekey/cli'], 'client does not import the CLI.'), ...NOT_IN_PACKAGES, ...NODE_BUILTINS, ...LEAVE_PACKAGE] },
      ],
    },
  },
  {
    files: ['packages/client/src/node/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...NOT_IN_PACKAGES, ...LEAVE_PACKAGE] }] },
  },
  {
    files: ['packages/cli/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...ban(
              ['@carekey/crypto', '@carekey/protocol', '@carekey/record'],
              'The CLI reaches everything through @carekey/client (DESIGN §2).',
            ),
            ...NOT_IN_PACKAGES,
            ...LEAVE_PACKAGE,
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...ban(
              ['@carekey/client', '@carekey/record', '@carekey/cli', '@carekey/web', 'dexie', '$app'],
              'The relay imports protocol (and crypto to verify signatures) only (DESIGN §2).',
            ),
          ],
          paths: ['node:crypto', 'crypto'].map((name) => ({
            name,
            message: 'Cryptography (randomness and hashes too) only through @carekey/crypto.',
          })),
        },
      ],
    },
  },
  {
    // Tests may use node:crypto as an independent oracle and for scaffolding.
    files: ['server/src/**/*.test.ts', 'server/src/store/contract.ts', 'server/src/test-*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: ban(
            ['@carekey/client', '@carekey/record', '@carekey/cli', '@carekey/web', 'dexie', '$app'],
            'The relay imports protocol (and crypto to verify signatures) only (DESIGN §2).',
          ),
        },
      ],
    },
  },
  {
    files: ['web/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...ban(
              ['@carekey/crypto', '@carekey/protocol', '@carekey/record', '@carekey/server', '@carekey/cli', 'hono'],
              'The app reaches everything through @carekey/client (DESIGN §2).',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'tests/**', 'bench/**', 'scripts/**', '**/scripts/**', '**/testing/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
