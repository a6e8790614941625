import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/**
 * Lint rules the codebases in STYLE.md agree on: type-only imports marked as such, no promise
 * left floating, named exports only, `_` for deliberately unused names, and switches that cover
 * every member of the union or enum they branch on. Formatting is Prettier's job, not ESLint's.
 */
export default defineConfig(
  globalIgnores(['dist/', 'node_modules/', 'coverage/', 'data/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // With emitDecoratorMetadata, the rule leaves files with decorators alone: an `import type`
      // there would erase the class a decorator's design:type metadata points at.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      // A switch over one of our unions or enums lists every member and has no default, so adding
      // a member (an ErrorCode, a SortField) fails here. A default still closes a switch over a
      // foreign union too large to list, such as graphql-js's Kind.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { allowDefaultCaseForExhaustiveSwitch: false, considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use a named export: the name is the API, and imports stay greppable.' },
        {
          selector: 'ExportNamedDeclaration > ExportSpecifier[exported.name="default"]',
          message: 'Use a named export: the name is the API, and imports stay greppable.',
        },
      ],
    },
  },
  {
    // The explorer's page script runs in the browser as a classic script, next to the UMD builds
    // of Cytoscape.js and its fcose layout (src/explore/explore.route.ts serves them).
    files: ['src/explore/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'location',
          'history',
          'fetch',
          'performance',
          'requestAnimationFrame',
          'setTimeout',
          'clearTimeout',
          'URLSearchParams',
          'cytoscape',
          'cytoscapeFcose',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    // Tests read GraphQL responses as untyped JSON (`TestServer.data<T = any>`), so they can assert
    // on `data.roles.edges[0]` without declaring a type per query.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Jest loads its globalSetup module's default export; that is the one default export it needs.
    files: ['test/helpers/build.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
