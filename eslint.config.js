import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// One-way module boundaries: layers never import "upwards" (each list names what a folder must not
// import).
const layer = (folder, forbidden) => ({
  files: [`src/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbidden.map((target) => ({
            group: [`../${target}/*`, `../${target}`, `../../${target}/*`],
            message: `src/${folder} must not import src/${target} (imports between layers point one way only).`,
          })),
          {
            // sources may use @actions/github: the dependency-graph export is a source.
            group: folder === 'sources' ? ['@actions/*', '!@actions/github'] : ['@actions/*'],
            message: `only src/main.ts talks to the runner.`,
          },
        ],
      },
    ],
  },
})

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
      'src/validation/validators/**',
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
  layer('shared', [
    'config',
    'context',
    'sources',
    'formats',
    'validation',
    'sbom',
    'aws',
    'report',
  ]),
  layer('formats', ['config', 'context', 'sources', 'validation', 'sbom', 'aws', 'report']),
  layer('validation', ['config', 'context', 'sources', 'sbom', 'aws', 'report']),
  layer('sbom', ['config', 'context', 'sources', 'aws', 'report']),
  layer('aws', ['config', 'context', 'sources', 'formats', 'validation', 'sbom', 'report']),
  layer('sources', ['config', 'aws', 'validation', 'sbom', 'report']),
  layer('context', ['config', 'sources', 'formats', 'validation', 'sbom', 'aws', 'report']),
  layer('config', ['sources', 'aws', 'report']),
  layer('report', ['aws', 'sources']),
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
