// Every ```yaml block of README.md that uses the action: each `with:` names only inputs action.yml
// declares, and every required input is there. Blocks that hold no step of this action (an
// action.yml excerpt, a config fragment) are skipped, each with the reason; a block that does not
// parse as YAML fails, since a reader would copy it as it is.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse, parseAllDocuments } from 'yaml'

const README = readFileSync('README.md', 'utf8')
const ACTION = parse(readFileSync('action.yml', 'utf8')) as {
  inputs: Record<string, { required?: boolean }>
}
const DECLARED = new Set(Object.keys(ACTION.inputs))
const REQUIRED = Object.entries(ACTION.inputs)
  .filter(([, input]) => input.required === true)
  .map(([name]) => name)

interface Block {
  /** 1-based line of the opening fence, for messages. */
  readonly line: number
  readonly text: string
  /** The HTML comment right above the fence, e.g. `example: zephyr`, when there is one. */
  readonly label: string | undefined
}

/** Every fenced block whose info string is `yaml` (or `yml`), with where it starts. */
function yamlBlocks(markdown: string): Block[] {
  const blocks: Block[] = []
  const lines = markdown.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(yaml|yml)\b/.exec(lines[index] as string)
    if (!open) continue
    const [, indent = '', fence = '```'] = open
    const body: string[] = []
    let end = index + 1
    for (; end < lines.length; end++) {
      const line = lines[end] as string
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') break
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line)
    }
    const previous = lines.slice(Math.max(0, index - 3), index).join('\n')
    const label = /<!--\s*([^>]*?)\s*-->\s*$/.exec(previous)?.[1]
    blocks.push({ line: index + 1, text: body.join('\n'), label })
    index = end
  }
  return blocks
}

interface Step {
  readonly uses: string
  readonly with: unknown
}

/** Every object with a `uses` naming this action, wherever it sits (workflow, job, step list). */
function actionSteps(value: unknown, found: Step[] = []): Step[] {
  if (Array.isArray(value)) for (const item of value) actionSteps(item, found)
  else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    if (typeof record.uses === 'string' && record.uses.includes('iot-sbom-action@'))
      found.push({ uses: record.uses, with: record.with })
    for (const member of Object.values(record)) actionSteps(member, found)
  }
  return found
}

/** What is wrong with one step's `with:`; empty when nothing is. */
function problemsOf(step: Step): string[] {
  if (step.with !== undefined && step.with !== null && typeof step.with !== 'object')
    return [`with: is ${typeof step.with}, not a mapping`]
  const inputs = (step.with ?? {}) as Record<string, unknown>
  if (Array.isArray(inputs)) return ['with: is a list, not a mapping']
  return [
    ...Object.keys(inputs)
      .filter((name) => !DECLARED.has(name))
      .map((name) => `with: ${name} is not an input of action.yml`),
    ...REQUIRED.filter((name) => !(name in inputs)).map(
      (name) => `with: lacks ${name}, which action.yml requires`,
    ),
    ...Object.entries(inputs)
      .filter(([, value]) => typeof value === 'object' && value !== null)
      .map(([name]) => `with: ${name} is a mapping or list; action inputs are strings`),
  ]
}

const blocks = yamlBlocks(README)

describe('README yaml snippets', () => {
  it('README.md has yaml blocks, and some use the action', () => {
    expect(blocks.length).toBeGreaterThan(0)
    const steps = blocks.flatMap((block) =>
      parseAllDocuments(block.text).flatMap((document) => actionSteps(document.toJS())),
    )
    expect(steps.length).toBeGreaterThan(0)
  })

  it.each(blocks.map((block) => [block.label ?? `line ${block.line}`, block] as const))(
    'yaml block at %s: parses, and every step of the action uses declared inputs only',
    (_, block) => {
      const documents = parseAllDocuments(block.text)
      const errors = documents.flatMap((document) => document.errors.map((error) => error.message))
      expect(errors, `README.md line ${block.line}: the yaml block does not parse`).toEqual([])
      const steps = documents.flatMap((document) => actionSteps(document.toJS()))
      // Not a workflow or a step of this action (an excerpt, a config file): nothing to check.
      if (steps.length === 0) return
      const problems = steps.flatMap((step) =>
        problemsOf(step).map((problem) => `${step.uses} ${problem}`),
      )
      expect(problems, `README.md line ${block.line}`).toEqual([])
    },
  )
})

describe('the checker itself', () => {
  const check = (yaml: string) =>
    parseAllDocuments(yaml).flatMap((document) => actionSteps(document.toJS()).flatMap(problemsOf))

  it('finds the action in a workflow, a step list and a single step', () => {
    expect(
      check(
        'jobs:\n  a:\n    steps:\n      - uses: o/iot-sbom-action@v1\n        with:\n          package-name: p\n',
      ),
    ).toEqual([])
    expect(
      check('- uses: o/iot-sbom-action@v1\n  with: { package-name: p, sbom: a.json }\n'),
    ).toEqual([])
    expect(check('uses: o/iot-sbom-action@main\nwith:\n  package-name: p\n')).toEqual([])
  })

  it('reports an unknown input, a missing required one, and a step without with:', () => {
    expect(
      check('- uses: o/iot-sbom-action@v1\n  with:\n    package-name: p\n    sbom-file: x\n'),
    ).toEqual(['with: sbom-file is not an input of action.yml'])
    expect(check('- uses: o/iot-sbom-action@v1\n  with:\n    sbom: x\n')).toEqual([
      'with: lacks package-name, which action.yml requires',
    ])
    expect(check('- uses: o/iot-sbom-action@v1\n')).toEqual([
      'with: lacks package-name, which action.yml requires',
    ])
  })

  it('skips other actions and yaml that is no workflow', () => {
    expect(check('- uses: actions/checkout@v5\n  with: { fetch-depth: 0 }\n')).toEqual([])
    expect(check('inputs:\n  package-name:\n    required: true\n')).toEqual([])
    expect(check('just a string')).toEqual([])
  })

  it('reads labels and indented fences', () => {
    const found = yamlBlocks(
      'text\n<!-- example: zephyr -->\n```yaml\na: 1\n```\n\n- item\n  ```yml\n  b: 2\n  ```\n',
    )
    expect(found).toEqual([
      { line: 3, text: 'a: 1', label: 'example: zephyr' },
      { line: 8, text: 'b: 2', label: undefined },
    ])
  })
})
