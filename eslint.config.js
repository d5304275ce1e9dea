import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import { fileURLToPath } from 'node:url'
import localRules from './eslint-rules/layers.js'

// One-way layers. Each layer lists the layers it may import; anything else in src/ is an error,
// however the import is spelled (eslint-rules/layers.js resolves the path it reaches). A folder of
// src/ is a layer; a file directly in src/ is a layer of its own (main, index, action-info,
// bundle-resources). Imports point one way, towards shared (the rule refuses a table with a
// cycle), so a layer reaches only what lies below it, never sideways through a third file: the
// pipeline folder and main.ts are the only code that imports more than one layer of work.
export const allowedImports = {
  shared: [],
  formats: ['shared'],
  'schema-check': ['shared', 'formats'],
  sbom: ['shared', 'formats', 'schema-check'],
  aws: ['shared', 'action-info'],
  context: ['shared'],
  sources: ['shared', 'context', 'formats', 'aws'],
  config: ['shared', 'context', 'formats', 'sbom', 'sources', 'report'],
  report: ['shared', 'sbom', 'action-info'],
  pipeline: [
    'shared',
    'formats',
    'schema-check',
    'sbom',
    'aws',
    'context',
    'sources',
    'config',
    'report',
    'action-info',
    'bundle-resources',
  ],
  main: ['shared', 'config', 'context', 'pipeline', 'report', 'action-info'],
  // bundle-resources must be the first import of src/index.ts (see that file).
  index: ['bundle-resources', 'main'],
  // Leaves: action-info holds constants; bundle-resources imports only node: builtins.
  'action-info': [],
  'bundle-resources': [],
}

// Only src/main.ts talks to the runner (sources may use @actions/github: the dependency-graph
// export is a source).
const runnerMessage = 'only src/main.ts talks to the runner.'

// The runner reads workflow commands from stdout and stderr, and hostile file names and SBOM text
// reach the log: everything printed goes through the gated runner in src/main.ts.
const gateBypasses = (...extra) => [
  'error',
  ...[
    "MemberExpression[object.name='console']",
    "MemberExpression[object.name='process'][property.name=/^std(out|err)$/]",
    'ImportDeclaration[source.value=/^(node:)?process$/] > ImportSpecifier[imported.name=/^std(out|err)$/]',
    ...extra,
  ].map((selector) => ({
    selector,
    message:
      'Print through gatedRunner in src/main.ts, the only importer of @actions/core: it redacts secrets and keeps hostile text from forming workflow commands.',
  })),
]

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '__tests__/fixtures/**',
      'src/schema-check/validators/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,mts,cts,js,mjs,cjs}'],
    plugins: { local: localRules },
    rules: {
      'local/layers': [
        'error',
        { srcDir: fileURLToPath(new URL('./src', import.meta.url)), allowed: allowedImports },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@actions/*'], message: runnerMessage }] },
      ],
    },
  },
  {
    files: ['src/sources/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@actions/*', '!@actions/github'], message: runnerMessage }] },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/main.ts'],
    rules: {
      'no-restricted-syntax': gateBypasses(
        ":matches(ImportDeclaration, ImportExpression, ExportAllDeclaration, ExportNamedDeclaration)[source.value='@actions/core']",
      ),
    },
  },
  {
    files: ['src/main.ts'],
    rules: {
      'no-restricted-syntax': gateBypasses(
        "MemberExpression[object.name='core'][property.name=/^(info|debug|notice|warning|error|setFailed|startGroup|endGroup|group|summary)$/]:not(VariableDeclarator[id.name='gatedRunner'] *)",
        "ImportDeclaration[source.value='@actions/core'] > :matches(ImportSpecifier, ImportDefaultSpecifier)",
      ),
    },
  },
)
