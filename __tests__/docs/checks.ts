// What a code block of the documentation must satisfy, by kind; each check returns its problems as
// messages naming the markdown file and line (empty: nothing wrong). Used by readme-snippets.test.ts
// (README.md, docs/*.md) and workflows.test.ts (.github/workflows/*.yml).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { parse, parseAllDocuments } from 'yaml'
import { readConfig } from '../../src/config/config.ts'
import type { RunContext } from '../../src/context/run-context.ts'
import { ConfigError } from '../../src/shared/errors.ts'
import { actionlint } from './actionlint.ts'
import type { CodeBlock } from './markdown.ts'

// action.yml in the failsafe schema: every scalar is the string GitHub passes (`required: true` is
// "true", a default is its text).
const ACTION = parse(readFileSync('action.yml', 'utf8'), { schema: 'failsafe' }) as {
  inputs: Record<string, { required?: string; default?: string }>
  outputs: Record<string, unknown>
}
export const DECLARED = new Set(Object.keys(ACTION.inputs))
export const OUTPUTS = new Set(Object.keys(ACTION.outputs))
const REQUIRED = Object.entries(ACTION.inputs)
  .filter(([, input]) => input.required === 'true')
  .map(([name]) => name)

const PACKAGE_JSON = JSON.parse(readFileSync('package.json', 'utf8')) as {
  scripts: Record<string, string>
}

/** `<!-- not-a-workflow -->` above a yaml block: YAML on purpose no workflow; it only has to parse. */
export const NOT_A_WORKFLOW = 'not-a-workflow'

// ---------------------------------------------------------------------------------------------
// yaml: the shape of a block, and the steps of this action in it

/** This action, as the documentation names it (`owner/iot-sbom-action@v1`) or from a checkout. */
function isThisAction(uses: string): boolean {
  return /(^|\/)iot-sbom-action@/.test(uses) || uses === './' || uses === '.'
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * What a yaml block holds. Whole workflows are linted as they are; a job, a list of steps, one step
 * or a `with:` map of this action (with the key, or only the inputs) is a fragment that actionlint
 * cannot lint alone, so it is wrapped in a minimal workflow first (see lintable). `other`: none of
 * these.
 */
export type Shape = 'workflow' | 'job' | 'steps' | 'step' | 'with' | 'inputs' | 'other'

// Keys of a step, a job or a workflow that are not inputs of this action (working-directory is both).
const RESERVED = new Set(
  [
    ...['uses', 'run', 'name', 'id', 'if', 'with', 'env', 'shell', 'working-directory'],
    ...['continue-on-error', 'timeout-minutes', 'runs-on', 'steps', 'needs', 'strategy'],
    ...['container', 'services', 'outputs', 'permissions', 'environment', 'concurrency'],
    ...['defaults', 'on', 'jobs', 'run-name'],
  ].filter((key) => !DECLARED.has(key)),
)

export function shapeOf(value: unknown): Shape {
  if (Array.isArray(value))
    return value.length > 0 &&
      value.every((item) => isRecord(item) && ('uses' in item || 'run' in item))
      ? 'steps'
      : 'other'
  if (!isRecord(value)) return 'other'
  const keys = Object.keys(value)
  if ('jobs' in value) return 'workflow'
  if ('steps' in value || 'runs-on' in value) return 'job'
  if ('uses' in value || 'run' in value) return 'step'
  if (keys.length === 1 && keys[0] === 'with' && isRecord(value.with)) return 'with'
  if (keys.some((key) => DECLARED.has(key)) && !keys.some((key) => RESERVED.has(key)))
    return 'inputs'
  return 'other'
}

export interface Step {
  readonly uses: string
  readonly with: unknown
  readonly id: string | undefined
  /** A `with:` map shown alone: only what it gives is checked, required inputs may be elsewhere. */
  readonly fragment: boolean
}

/** Every object with a `uses` naming this action, wherever it sits (workflow, job, step list). */
export function actionSteps(value: unknown, found: Step[] = []): Step[] {
  if (Array.isArray(value)) for (const item of value) actionSteps(item, found)
  else if (isRecord(value)) {
    if (typeof value.uses === 'string' && isThisAction(value.uses))
      found.push({
        uses: value.uses,
        with: value.with,
        id: typeof value.id === 'string' ? value.id : undefined,
        fragment: false,
      })
    for (const member of Object.values(value)) actionSteps(member, found)
  }
  return found
}

/** The steps of this action a block of the given shape holds, a `with:` map as a fragment step. */
export function stepsOf(value: unknown, shape: Shape): Step[] {
  if (shape === 'with' && isRecord(value))
    return [{ uses: '(a with: map)', with: value.with, id: undefined, fragment: true }]
  if (shape === 'inputs')
    return [{ uses: '(a with: map)', with: value, id: undefined, fragment: true }]
  return actionSteps(value)
}

// ---------------------------------------------------------------------------------------------
// inputs: declared, required, and accepted by the action's own readConfig

/** `${{ … }}`: its value is only known in a run. */
const EXPRESSION = /\$\{\{[\s\S]*?\}\}/g
/** What an expression is replaced with before readConfig reads the input (a valid name, too). */
const STAND_IN = 'expr-value'

const SHA = 'a'.repeat(40)

/** The ref readConfig sees: a tag when the workflow may run for one (version-name then defaults to it). */
export function refFor(on: unknown): string {
  if (on === undefined) return 'refs/tags/v2.4.0' // a fragment: its trigger is not shown
  const events: [string, unknown][] = isRecord(on)
    ? Object.entries(on)
    : (Array.isArray(on) ? on : [on]).map((event) => [String(event), undefined])
  const mayBeTag = events.some(([event, filters]) => {
    if (['release', 'workflow_dispatch', 'workflow_call', 'create'].includes(event)) return true
    if (event !== 'push') return false
    if (!isRecord(filters)) return true
    return (
      'tags' in filters ||
      'tags-ignore' in filters ||
      !('branches' in filters || 'branches-ignore' in filters)
    )
  })
  return mayBeTag ? 'refs/tags/v2.4.0' : 'refs/heads/main'
}

function contextFor(ref: string): RunContext {
  return {
    sha: SHA,
    shaSource: 'GITHUB_SHA',
    ref,
    eventName: ref.startsWith('refs/tags/') ? 'push' : 'pull_request',
    repository: 'acme/thermostat',
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    defaultBranch: 'main',
    runId: '1',
    runAttempt: '1',
    workspace: '/home/runner/work/thermostat/thermostat',
    commitTime: undefined,
  }
}

/**
 * What readConfig (the action's own input checks) refuses in these inputs, the others at their
 * action.yml defaults, as the runner passes them. An input whose value holds an expression is only
 * known in a run: problems about it are left out. A fragment's problems are only those about the
 * inputs it gives. AWS_REGION is set, as aws-actions/configure-aws-credentials does.
 */
export function valueProblems(inputs: Record<string, string>, ref: string, fragment: boolean) {
  const expressions = new Set(
    Object.entries(inputs)
      .filter(([, value]) => value.includes('${{'))
      .map(([name]) => name),
  )
  const read = (name: string) =>
    (inputs[name] ?? ACTION.inputs[name]?.default ?? '').replace(EXPRESSION, STAND_IN).trim()
  let problems: readonly string[] = []
  try {
    readConfig(read, contextFor(ref), { AWS_REGION: 'eu-west-1' })
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    problems = error.problems
  }
  return problems.filter((problem) => {
    const subject = /^[a-z0-9-]+/.exec(problem)?.[0] ?? ''
    if (problem.includes(STAND_IN) || expressions.has(subject)) return false
    return !fragment || subject in inputs
  })
}

/** What is wrong with one step's `with:`; empty when nothing is. */
export function problemsOf(step: Step, ref = refFor(undefined)): string[] {
  // failsafe schema: an empty `with:` is "".
  if (step.with === undefined || step.with === null || step.with === '')
    return step.fragment
      ? []
      : REQUIRED.map((name) => `with: lacks ${name}, which action.yml requires`)
  if (!isRecord(step.with))
    return [`with: is ${Array.isArray(step.with) ? 'a list' : typeof step.with}, not a mapping`]
  const inputs = step.with
  const structural = [
    ...Object.keys(inputs)
      .filter((name) => !DECLARED.has(name))
      .map((name) => `with: ${name} is not an input of action.yml`),
    ...(step.fragment ? [] : REQUIRED)
      .filter((name) => !(name in inputs))
      .map((name) => `with: lacks ${name}, which action.yml requires`),
    ...Object.entries(inputs)
      .filter(([, value]) => typeof value === 'object' && value !== null)
      .map(([name]) => `with: ${name} is a mapping or list; action inputs are strings`),
  ]
  if (structural.length > 0) return structural
  const strings = Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [name, String(value)]),
  )
  return valueProblems(strings, ref, step.fragment).map((problem) => `with: ${problem}`)
}

/** `steps.<id>.outputs.<name>` (or `['name']`) for a step of this action: name must be declared. */
export function outputProblems(text: string, steps: readonly Step[]): string[] {
  const ids = new Set(steps.map((step) => step.id).filter((id) => id !== undefined))
  const problems: string[] = []
  for (const match of text.matchAll(
    /steps\.([\w-]+)\.outputs(?:\.([\w-]+)|\[\s*['"]([^'"]+)['"]\s*\])/g,
  )) {
    const [, id = '', dotted, bracketed] = match
    const name = dotted ?? bracketed ?? ''
    if (ids.has(id) && !OUTPUTS.has(name))
      problems.push(`steps.${id}.outputs.${name}: ${name} is not an output of action.yml`)
  }
  return problems
}

// ---------------------------------------------------------------------------------------------
// yaml: actionlint

const HEAD = [
  'on: workflow_dispatch',
  'jobs:',
  '  example:',
  '    runs-on: ubuntu-latest',
  '    steps:',
]

function dedent(lines: readonly string[]): string[] {
  const indents = lines
    .filter((line) => line.trim() !== '')
    .map((line) => /^ */.exec(line)?.[0].length ?? 0)
  const common = Math.min(...indents, Number.MAX_SAFE_INTEGER)
  return lines.map((line) => line.slice(Math.min(common, line.length)))
}

function indent(lines: readonly string[], by: number): string[] {
  return lines.map((line) => (line.trim() === '' ? line : ' '.repeat(by) + line))
}

/** One step's mapping as the single item of a list: `- ` before its first key. */
function asListItem(lines: readonly string[]): string[] {
  const first = lines.findIndex((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
  return lines.map((line, index) =>
    index === first ? `- ${line}` : line.trim() === '' ? line : `  ${line}`,
  )
}

/**
 * The workflow actionlint reads for a block of this shape: a whole workflow as it is; a fragment
 * inside a minimal skeleton (a workflow_dispatch workflow, one ubuntu-latest job; a `with:` map
 * under a `uses: ./` step). `offset`: the skeleton's lines before the block's first line.
 * This action's `uses: owner/iot-sbom-action@v1` becomes `uses: ./`, so that actionlint checks it
 * against this repository's action.yml (it cannot fetch a remote action's metadata offline).
 */
export function lintable(text: string, shape: Shape): { text: string; offset: number } | undefined {
  const lines = dedent(text.split('\n'))
  const wrapped = {
    workflow: { head: [], body: lines },
    job: { head: HEAD.slice(0, 3), body: indent(lines, 4) },
    steps: { head: HEAD, body: indent(lines, 6) },
    step: { head: HEAD, body: indent(asListItem(lines), 6) },
    with: { head: [...HEAD, '      - uses: ./'], body: indent(lines, 8) },
    inputs: { head: [...HEAD, '      - uses: ./', '        with:'], body: indent(lines, 10) },
    other: undefined,
  }[shape]
  if (wrapped === undefined) return undefined
  const body = wrapped.body.map((line) =>
    line.replace(/^(\s*(?:-\s+)?uses:\s*)(["']?)[^\s"'#]*iot-sbom-action@[^\s"'#]+\2/, '$1./'),
  )
  return { text: [...wrapped.head, ...body].join('\n'), offset: wrapped.head.length }
}

/**
 * The labels of self-hosted runners in a workflow: those listed with `self-hosted` in a `runs-on`.
 * A documentation example's are the reader's own (e.g. `[self-hosted, linux, yocto]`), so they are
 * not in actionlint's list of GitHub-hosted labels, and the reader's actionlint.yaml is not here.
 */
export function selfHostedLabels(workflow: string): Set<string> {
  const jobs = (parse(workflow, { schema: 'failsafe' }) as { jobs?: unknown } | null)?.jobs
  const labels = Object.values(isRecord(jobs) ? jobs : {}).flatMap((job) => {
    const runsOn: unknown = isRecord(job) ? job['runs-on'] : undefined
    return Array.isArray(runsOn) && runsOn.includes('self-hosted') ? (runsOn as unknown[]) : []
  })
  return new Set(labels.filter((label) => typeof label === 'string'))
}

/** actionlint's problems with a block, at their markdown lines. */
async function lintProblems(file: string, block: CodeBlock, shape: Shape): Promise<string[]> {
  const workflow = lintable(block.text, shape)
  if (workflow === undefined) return []
  const problems = await actionlint(workflow.text, file)
  const ownLabels = selfHostedLabels(workflow.text)
  return (
    problems
      // A `with:` map shown alone: its required inputs may be given elsewhere (problemsOf agrees).
      .filter(
        (problem) =>
          !(
            (shape === 'with' || shape === 'inputs') &&
            /^missing input ".*" which is required/.test(problem.message)
          ),
      )
      .filter(
        (problem) =>
          !(
            problem.kind === 'runner-label' &&
            ownLabels.has(/^label "([^"]*)" is unknown/.exec(problem.message)?.[1] ?? '')
          ),
      )
      .map((problem) => {
        const where =
          problem.line > workflow.offset
            ? `${file}:${block.line + problem.line - workflow.offset}:${problem.column}`
            : `${file}:${block.line} (the skeleton around the fragment)`
        return `${where}: actionlint: ${problem.message} [${problem.kind}]`
      })
  )
}

/** Every problem of a yaml block: parse, shape, actionlint, this action's inputs and outputs. */
export async function yamlProblems(file: string, block: CodeBlock): Promise<string[]> {
  const at = `${file}:${block.line}`
  const documents = parseAllDocuments(block.text, { schema: 'failsafe' })
  const errors = documents.flatMap((document) => document.errors.map((error) => error.message))
  if (errors.length > 0)
    return errors.map((error) => `${at}: the yaml block does not parse: ${error}`)
  if (block.label?.startsWith(NOT_A_WORKFLOW)) return []
  if (documents.length !== 1)
    return [`${at}: ${documents.length} yaml documents; a block is one workflow or fragment`]
  const value: unknown = documents[0]?.toJS()
  const shape = shapeOf(value)
  if (shape === 'other')
    return [
      `${at}: neither a workflow, a job, a list of steps, a step, nor a with: map of this action, ` +
        `so actionlint cannot check it. If it is other YAML on purpose (an action.yml excerpt, a ` +
        `config file, a counter-example), put <!-- ${NOT_A_WORKFLOW} --> on the line above the fence.`,
    ]
  const steps = stepsOf(value, shape)
  const ref = refFor(shape === 'workflow' && isRecord(value) ? value.on : undefined)
  return [
    ...(await lintProblems(file, block, shape)),
    ...steps.flatMap((step) =>
      problemsOf(step, ref).map((problem) => `${at}: ${step.uses} ${problem}`),
    ),
    ...outputProblems(block.text, steps).map((problem) => `${at}: ${problem}`),
  ]
}

// ---------------------------------------------------------------------------------------------
// json, shell

export function jsonProblems(file: string, block: CodeBlock): string[] {
  try {
    JSON.parse(block.text)
    return []
  } catch (error) {
    return [`${file}:${block.line}: the json block does not parse: ${(error as Error).message}`]
  }
}

export const SHELL_LANGS = new Set(['sh', 'bash', 'shell'])
/** A terminal session: the commands are the lines after a `$ ` prompt. */
export const CONSOLE_LANGS = new Set(['console', 'shell-session'])

/** The script of a shell or console block, comments and line continuations removed. */
export function scriptOf(block: CodeBlock): string {
  const lines = CONSOLE_LANGS.has(block.lang)
    ? block.text
        .split('\n')
        .filter((line) => line.startsWith('$ '))
        .map((line) => line.slice(2))
    : block.text.split('\n')
  return lines.join('\n').replace(/\\\n/g, ' ')
}

const TEST_ALIASES = new Set(['test', 't', 'tst'])
const RUN_ALIASES = new Set(['run', 'run-script', 'rum', 'urn'])

/** npm commands that name a script of package.json (or need its lockfile) and do not have it. */
export function npmProblems(script: string): string[] {
  const problems: string[] = []
  const scripts = PACKAGE_JSON.scripts
  const code = script.replace(/(^|\s)#.*$/gm, '$1')
  for (const command of code.split(/&&|\|\||[;&|\n()`]|\$\(/)) {
    const words = command.trim().split(/\s+/)
    const npm = words.indexOf('npm')
    if (npm === -1) continue
    const [verb, script] = words.slice(npm + 1).filter((word) => !word.startsWith('-'))
    if (verb === undefined) continue
    const named = RUN_ALIASES.has(verb)
      ? script
      : TEST_ALIASES.has(verb)
        ? 'test'
        : ['start', 'stop', 'restart'].includes(verb)
          ? verb
          : undefined
    if (named !== undefined && !Object.hasOwn(scripts, named))
      problems.push(`\`${command.trim()}\`: package.json has no script "${named}"`)
    if (verb === 'ci' && !existsSync('package-lock.json'))
      problems.push(`\`${command.trim()}\`: npm ci needs package-lock.json, and there is none`)
  }
  return problems
}

/** What bash -n says about the script: a syntax error is what a reader would paste. */
export function bashSyntaxProblems(script: string): string[] {
  const result = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' })
  return result.status === 0 ? [] : [`bash -n: ${result.stderr.trim()}`]
}

export function shellProblems(file: string, block: CodeBlock): string[] {
  const script = scriptOf(block)
  return [
    ...(SHELL_LANGS.has(block.lang) ? bashSyntaxProblems(script) : []),
    ...npmProblems(script),
  ].map((problem) => `${file}:${block.line}: ${problem}`)
}
