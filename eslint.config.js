import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// One-way module boundaries (DESIGN.md §2, §5): layers never import "upwards".
const layer = (folder, forbidden) => ({
  files: [`src/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbidden.map((target) => ({
            group: [`../${target}/*`, `../${target}`, `../../${target}/*`],
            message: `src/${folder} must not import src/${target} (one-way layers, see DESIGN.md §5).`,
          })),
          ...(folder === 'report'
            ? []
            : [
                {
                  // sources may use @actions/github: the dependency-graph export is a source.
                  group: folder === 'sources' ? ['@actions/*', '!@actions/github'] : ['@actions/*'],
                  message: `only src/main.ts and src/report/ talk to the runner.`,
                },
              ]),
        ],
      },
    ],
  },
})

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '__tests__/fixtures/**',
      'src/sbom/validators/**',
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
  layer('shared', ['config', 'context', 'sources', 'sbom', 'aws', 'report']),
  layer('sbom', ['config', 'context', 'sources', 'aws', 'report']),
  layer('aws', ['config', 'context', 'sources', 'sbom', 'report']),
  layer('sources', ['config', 'aws', 'sbom', 'report']),
  layer('context', ['config', 'sources', 'sbom', 'aws', 'report']),
  layer('config', ['sources', 'aws', 'report']),
  layer('report', ['aws', 'sources']),
)
