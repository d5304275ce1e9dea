// The layer rule (eslint-rules/layers.js, configured in eslint.config.js) judges the file an import
// reaches, not its spelling: every way of writing a forbidden import fails, allowed ones pass.
import { ESLint } from 'eslint'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const RULE = 'local/layers'

let eslint: ESLint
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: join(ROOT, 'eslint.config.js') })
})

/** The layer rule's messages for `code` linted as if it were the file at `filePath`. */
async function layerMessages(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath })
  expect(result, 'the probe file is linted').toBeDefined()
  const messages = result!.messages
  // A parse error would make every expectation below vacuous.
  expect(messages.filter((message) => message.fatal)).toEqual([])
  return messages.filter((message) => message.ruleId === RULE)
}

describe('a forbidden import fails however it is spelled (report → aws)', () => {
  const absolute = join(ROOT, 'src', 'aws', 'clients.ts')
  const spellings: Record<string, string> = {
    'plain relative': "import '../aws/clients.js'",
    'through another folder': "import '../report/../aws/clients.js'",
    'through the same folder': "import './../aws/clients.js'",
    'out of src/ and back in': "import '../../src/aws/clients.js'",
    'absolute path': `import ${JSON.stringify(absolute)}`,
    'file: URL': `import ${JSON.stringify(pathToFileURL(absolute).href)}`,
    'percent-encoded': "import '../%61ws/clients.js'",
    'with a query': "import '../aws/clients.js?x'",
    'folder import': "import '../aws'",
    'named import': "import { createAwsClients } from '../aws/clients.js'\nvoid createAwsClients",
    'import type':
      "import type { AwsClients } from '../aws/clients.js'\nexport type X = AwsClients",
    'export * from': "export * from '../aws/clients.js'",
    'export { } from': "export { createAwsClients } from '../aws/clients.js'",
    'export type { } from': "export type { AwsClients } from '../aws/clients.js'",
    'dynamic import()': "export const load = () => import('../aws/clients.js')",
    'dynamic import() with a template': 'export const load = () => import(`../aws/clients.js`)',
    'type-level import()': "export type X = import('../aws/clients.js').AwsClients",
    'require()': "require('../aws/clients.js')",
    'import = require()': "import clients = require('../aws/clients.js')\nvoid clients",
  }
  it.each(Object.entries(spellings))('%s', async (_name, code) => {
    const messages = await layerMessages(code, 'src/report/probe.ts')
    expect(messages).toHaveLength(1)
    expect(messages[0]!.ruleId).toBe(RULE)
    expect(messages[0]!.message).toContain("Layer 'report' must not import layer 'aws'")
    expect(messages[0]!.message).toContain('itself and shared, sbom, action-info')
  })
})

describe('forbidden imports from several layers fail', () => {
  const cases: [from: string, code: string, to: string][] = [
    ['src/report/probe.ts', "import '../pipeline/types.js'", 'pipeline'],
    ['src/report/probe.ts', "import '../config/config.js'", 'config'],
    ['src/formats/probe.ts', "import '../sbom/normalize.js'", 'sbom'],
    ['src/aws/probe.ts', "import '../sources/inspector.js'", 'sources'],
    ['src/shared/probe.ts', "import '../formats/detect.js'", 'formats'],
    ['src/shared/probe.ts', "import '../action-info.js'", 'action-info'],
    ['src/shared/probe.ts', "import '../main.js'", 'main'],
    ['src/context/probe.ts', "import '../pipeline.js'", 'pipeline'],
    ['src/sbom/probe.ts', "import '../aws/clients.js'", 'aws'],
    ['src/main.ts', "import './aws/clients.js'", 'aws'],
    ['src/index.ts', "import './pipeline/types.js'", 'pipeline'],
    ['src/action-info.ts', "import './shared/errors.js'", 'shared'],
  ]
  it.each(cases)('%s: %s', async (from, code, to) => {
    const messages = await layerMessages(code, from)
    expect(messages).toHaveLength(1)
    expect(messages[0]!.message).toContain(`must not import layer '${to}'`)
  })

  it('names what is allowed when nothing is', async () => {
    const [message] = await layerMessages("import '../sbom/merge.js'", 'src/shared/probe.ts')
    expect(message!.message).toContain("'shared' may import only itself (nothing else)")
  })
})

describe('allowed imports pass', () => {
  const cases: [from: string, code: string][] = [
    ['src/report/probe.ts', "import { ActionError } from '../shared/errors.js'\nvoid ActionError"],
    [
      'src/report/probe.ts',
      "import type { Logger } from '../shared/logger.js'\nexport type L = Logger",
    ],
    ['src/report/probe.ts', "import '../action-info.js'"],
    ['src/pipeline/probe.ts', "export const load = () => import('../aws/clients.js')"],
    ['src/pipeline/probe.ts', "export * from '../report/summary.js'"],
    ['src/sbom/probe.ts', "import '../schema-check/schema-check.js'"],
    ['src/report/probe.ts', "import './outputs.js'"],
    ['src/report/probe.ts', "import '../report/outputs.js'"],
    ['src/shared/probe.ts', "import './errors.js'\nimport 'node:path'\nimport 'ajv'"],
    ['src/main.ts', "import './pipeline.js'\nimport './pipeline/types.js'"],
    ['src/index.ts', "import './bundle-resources.js'\nimport './main.js'"],
  ]
  it.each(cases)('%s: %s', async (from, code) => {
    expect(await layerMessages(code, from)).toEqual([])
  })
})

describe('imports the table cannot vouch for fail', () => {
  it('a relative import that leaves src/', async () => {
    const [message, ...rest] = await layerMessages(
      "import '../../__tests__/fixtures/x.js'",
      'src/report/probe.ts',
    )
    expect(rest).toEqual([])
    expect(message!.ruleId).toBe(RULE)
    expect(message!.message).toContain('outside src/')
  })

  it('a file in a layer the table does not name', async () => {
    const [message] = await layerMessages("import './shared/errors.js'", 'src/stray.ts')
    expect(message!.message).toContain("'stray' (src/stray.ts) is not a layer in the table")
  })

  it('a package.json subpath import', async () => {
    const [message] = await layerMessages("import '#aws/clients.js'", 'src/report/probe.ts')
    expect(message!.message).toContain("The subpath import '#aws/clients.js' cannot be checked")
  })

  it('a computed import() or require()', async () => {
    const messages = await layerMessages(
      'export const a = (n: string) => import(n)\nexport const b = (n: string) => require(`./${n}`)',
      'src/report/probe.ts',
    )
    expect(messages.map((message) => message.message)).toEqual([
      expect.stringContaining('import() with a computed specifier cannot be checked'),
      expect.stringContaining('require() with a computed specifier cannot be checked'),
    ])
  })
})
