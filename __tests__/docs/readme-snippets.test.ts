// Every code block of README.md and docs/*.md works as a reader would copy it (checks.ts):
// - yaml: parses; is linted with actionlint (actionlint.ts: v1.7.7, WebAssembly, offline) — a
//   whole workflow as it is, a fragment (a job, a list of steps, one step, a `with:` map) wrapped in
//   a minimal workflow first, since actionlint only reads whole workflows; and every step of this
//   action names only inputs action.yml declares, has the required ones, gives values the action's
//   own input checks (readConfig) accept, and reads only outputs action.yml declares. actionlint
//   checks `uses: owner/iot-sbom-action@v1` against action.yml as `uses: ./`; the inputs are
//   checked here too, without it. YAML that is on purpose no workflow (an action.yml excerpt, a
//   config file, a counter-example) is marked `<!-- not-a-workflow -->` above its fence and only
//   has to parse; any other yaml block that is no workflow or fragment fails.
// - json: parses.
// - sh, bash, shell: bash -n parses it; console: its `$ ` lines. In both, `npm run X`, `npm test`,
//   `npm start` name scripts package.json has, and `npm ci` has its package-lock.json.
// Blocks of other languages (text, ts, …) are not checked.
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { actionlint, ACTIONLINT_VERSION, compiledActionlintVersion } from './actionlint.ts'
import {
  actionSteps,
  CONSOLE_LANGS,
  jsonProblems,
  lintable,
  npmProblems,
  outputProblems,
  problemsOf,
  refFor,
  shapeOf,
  SHELL_LANGS,
  shellProblems,
  stepsOf,
  yamlProblems,
} from './checks.ts'
import { codeBlocks, documentationBlocks, type CodeBlock } from './markdown.ts'

type Kind = 'yaml' | 'json' | 'shell'

function kindOf(block: CodeBlock): Kind | undefined {
  if (block.lang === 'yaml' || block.lang === 'yml') return 'yaml'
  if (block.lang === 'json') return 'json'
  if (SHELL_LANGS.has(block.lang) || CONSOLE_LANGS.has(block.lang)) return 'shell'
  return undefined
}

const documentation = documentationBlocks()
const checked = documentation.flatMap(({ file, blocks }) =>
  blocks.flatMap((block) => {
    const kind = kindOf(block)
    return kind === undefined ? [] : [{ file, block, kind }]
  }),
)

describe('code blocks of README.md and docs/*.md', () => {
  it('README.md has yaml blocks, and some use the action', () => {
    const readme = checked.filter(({ file, kind }) => file === 'README.md' && kind === 'yaml')
    expect(readme.length).toBeGreaterThan(0)
    const steps = readme.flatMap(({ block }) =>
      parseAllDocuments(block.text, { schema: 'failsafe' }).flatMap((document) =>
        actionSteps(document.toJS()),
      ),
    )
    expect(steps.length).toBeGreaterThan(0)
  })

  it.each(
    checked.map(
      ({ file, block, kind }) =>
        [
          `${file}:${block.line} ${kind}${block.label ? ` (${block.label})` : ''}`,
          file,
          block,
          kind,
        ] as const,
    ),
  )('%s', async (_, file, block, kind) => {
    const problems =
      kind === 'yaml'
        ? await yamlProblems(file, block)
        : kind === 'json'
          ? jsonProblems(file, block)
          : shellProblems(file, block)
    expect(problems).toEqual([])
  })
})

describe('the checker itself', () => {
  const stepProblems = (yaml: string) =>
    parseAllDocuments(yaml, { schema: 'failsafe' }).flatMap((document) => {
      const value = document.toJS()
      return stepsOf(value, shapeOf(value)).flatMap((step) => problemsOf(step))
    })
  const block = (text: string, lang = 'yaml', label?: string): CodeBlock => ({
    line: 10,
    lang,
    text,
    label,
  })

  it('finds the action in a workflow, a step list and a single step', () => {
    expect(
      stepProblems(
        'jobs:\n  a:\n    steps:\n      - uses: o/iot-sbom-action@v1\n        with:\n          package-name: p\n          s3-bucket: acme-sboms\n',
      ),
    ).toEqual([])
    expect(
      stepProblems(
        '- uses: o/iot-sbom-action@v1\n  with: { package-name: p, sbom: a.json, mode: validate }\n',
      ),
    ).toEqual([])
    expect(stepProblems('uses: ./\nwith:\n  package-name: p\n  mode: validate\n')).toEqual([])
  })

  it('reports an unknown input, a missing required one, and a step without with:', () => {
    expect(
      stepProblems(
        '- uses: o/iot-sbom-action@v1\n  with:\n    package-name: p\n    sbom-file: x\n',
      ),
    ).toEqual(['with: sbom-file is not an input of action.yml'])
    expect(stepProblems('- uses: o/iot-sbom-action@v1\n  with:\n    sbom: x\n')).toEqual([
      'with: lacks package-name, which action.yml requires',
    ])
    expect(stepProblems('- uses: o/iot-sbom-action@v1\n')).toEqual([
      'with: lacks package-name, which action.yml requires',
    ])
  })

  it("refuses values the action's readConfig refuses; an expression's value is not known", () => {
    const step = (inputs: string) =>
      stepProblems(
        `- uses: o/iot-sbom-action@v1\n  with: { package-name: p, s3-bucket: acme-sboms, ${inputs} }\n`,
      )
    expect(step('merge: yes')).toEqual(['with: merge "yes" must be true or false.'])
    expect(step('mode: publsh')).toEqual(['with: mode "publsh" must be one of: publish, validate.'])
    expect(step('mode: validate, cyclonedx-spec-version: 1.5, merge: TRUE')).toEqual([])
    expect(stepProblems('- uses: o/iot-sbom-action@v1\n  with: { package-name: p }\n')).toEqual([
      'with: s3-bucket is required in publish mode: the versioned S3 bucket that stores SBOMs.',
    ])
    expect(step('generator: command')).toEqual([
      'with: generator: command needs generator-command, the shell command that writes the SBOM.',
      'with: generator: command needs sbom: the path of the file generator-command writes (relative to the workspace).',
    ])
    expect(step('merge: "${{ inputs.merge }}", version-name: "v-${{ github.run_id }}"')).toEqual([])
    // A with: map alone: only what it gives is checked.
    expect(stepProblems('with:\n  merge: true\n  s3-sse: AES128\n')).toEqual([
      'with: s3-sse "AES128" must be AES256 or aws:kms (or empty for the bucket\'s default encryption).',
    ])
    expect(stepProblems('merge: maybe\n')).toEqual(['with: merge "maybe" must be true or false.'])
  })

  it('asks for version-name in a workflow that never runs for a tag', () => {
    expect(refFor({ pull_request: '' })).toBe('refs/heads/main')
    expect(refFor('pull_request')).toBe('refs/heads/main')
    expect(refFor({ push: { branches: ['main'] } })).toBe('refs/heads/main')
    expect(refFor({ push: { tags: ['v*'] } })).toBe('refs/tags/v2.4.0')
    expect(refFor(['push', 'pull_request'])).toBe('refs/tags/v2.4.0')
    expect(refFor({ workflow_dispatch: '' })).toBe('refs/tags/v2.4.0')
  })

  it("reads outputs of the action's steps only from action.yml", () => {
    const steps = actionSteps([
      { id: 'sbom', uses: 'o/iot-sbom-action@v1' },
      { id: 'other', uses: 'x/y@v1' },
    ])
    expect(
      outputProblems(
        "${{ steps.sbom.outputs.s3-uri }} ${{ steps.sbom.outputs.s3_url }} ${{ steps.sbom.outputs['bogus'] }} ${{ steps.other.outputs.anything }}",
        steps,
      ),
    ).toEqual([
      'steps.sbom.outputs.s3_url: s3_url is not an output of action.yml',
      'steps.sbom.outputs.bogus: bogus is not an output of action.yml',
    ])
  })

  it('tells the shapes apart', () => {
    const shapes = [
      'on: push\njobs: {}\n',
      'runs-on: ubuntu-latest\nsteps: []\n',
      '- run: make\n- uses: a/b@v1\n',
      'uses: a/b@v1\n',
      'with:\n  package-name: p\n',
      'package-name: p\nworking-directory: app\n',
      'inputs:\n  package-name:\n    required: true\n',
      '- a\n- b\n',
      'just a string',
    ].map((yaml) => shapeOf(parseAllDocuments(yaml)[0]?.toJS()))
    expect(shapes).toEqual([
      'workflow',
      'job',
      'steps',
      'step',
      'with',
      'inputs',
      'other',
      'other',
      'other',
    ])
  })

  it('wraps a fragment in a minimal workflow, keeping its lines in order', () => {
    const wrapped = lintable('  # build\n  - run: make\n  - uses: o/iot-sbom-action@v1\n', 'steps')
    expect(wrapped).toEqual({
      text: [
        'on: workflow_dispatch',
        'jobs:',
        '  example:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      # build',
        '      - run: make',
        '      - uses: ./',
        '',
      ].join('\n'),
      offset: 5,
    })
    expect(
      lintable('# one step\nuses: a/b@v1\nwith: { x: 1 }', 'step')?.text.split('\n').slice(5),
    ).toEqual(['        # one step', '      - uses: a/b@v1', '        with: { x: 1 }'])
    expect(lintable('other: yaml', 'other')).toBeUndefined()
  })

  it(`runs actionlint ${ACTIONLINT_VERSION}, the version compiled into the package`, async () => {
    expect(compiledActionlintVersion()).toBe(ACTIONLINT_VERSION)
    const problems = await actionlint(
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n',
      'README.md',
    )
    expect(problems).toEqual([expect.objectContaining({ line: 6, kind: 'expression' })])
  })

  it("lets actionlint check this action's inputs and outputs against action.yml", async () => {
    const problems = await yamlProblems(
      'README.md',
      block(
        '- id: sbom\n  uses: owner/iot-sbom-action@v1\n  with:\n    package-name: p\n    bogus: 1\n- run: echo ${{ steps.sbom.outputs.nothing }}\n',
      ),
    )
    expect(
      problems.filter((problem) => problem.includes('actionlint')),
      'actionlint did not read action.yml: it finds the repository from the linted path, as the ' +
        'directory holding both .github/workflows and .git (a git checkout)',
    ).toEqual([
      expect.stringMatching(
        /^README\.md:15:\d+: actionlint: input "bogus" is not defined in action "AWS IoT SBOM publisher"/,
      ),
      expect.stringMatching(/^README\.md:16:.*property "nothing" is not defined/),
    ])
    // …and so do the input and output checks of checks.ts, which do without actionlint.
    expect(problems.filter((problem) => !problem.includes('actionlint'))).toEqual([
      'README.md:10: owner/iot-sbom-action@v1 with: bogus is not an input of action.yml',
      'README.md:10: steps.sbom.outputs.nothing: nothing is not an output of action.yml',
    ])
  })

  it('needs version-name in a pull-request workflow, not in a tag one', async () => {
    const workflow = (on: string) =>
      `on: ${on}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: o/iot-sbom-action@v1\n        with: { package-name: p, mode: validate }\n`
    expect(await yamlProblems('README.md', block(workflow('{ push: { tags: [v*] } }')))).toEqual([])
    expect(await yamlProblems('README.md', block(workflow('pull_request')))).toEqual([
      expect.stringMatching(/^README\.md:10: o\/iot-sbom-action@v1 with: version-name is required/),
    ])
  })

  it("accepts a self-hosted runner's own labels, no other unknown label", async () => {
    const job = (runsOn: string) =>
      `on: push\njobs:\n  a:\n    runs-on: ${runsOn}\n    steps:\n      - run: make\n`
    expect(await yamlProblems('README.md', block(job('[self-hosted, linux, yocto]')))).toEqual([])
    expect(await yamlProblems('README.md', block(job('[ubuntu-lates]')))).toEqual([
      expect.stringMatching(/^README\.md:14:\d+: actionlint: label "ubuntu-lates" is unknown/),
    ])
  })

  it('fails a yaml block that does not parse or is no workflow, unless marked', async () => {
    expect(await yamlProblems('README.md', block('a: [1\n'))).toEqual([
      expect.stringContaining('README.md:10: the yaml block does not parse'),
    ])
    expect(await yamlProblems('README.md', block('inputs:\n  x: {}\n'))).toEqual([
      expect.stringContaining('put <!-- not-a-workflow --> on the line above the fence'),
    ])
    expect(
      await yamlProblems('README.md', block('inputs:\n  x: {}\n', 'yaml', 'not-a-workflow')),
    ).toEqual([])
    expect(
      await yamlProblems(
        'README.md',
        block(
          'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: o/iot-sbom-action@v1\n        with: { package-name: p, mode: validate }\n',
        ),
      ),
    ).toEqual([])
  })

  it('checks json, and the npm scripts and syntax of shell blocks', () => {
    expect(jsonProblems('README.md', block('{"a": 1,}', 'json'))).toEqual([
      expect.stringContaining('README.md:10: the json block does not parse'),
    ])
    expect(
      npmProblems('npm ci && npm run build && npm test   # npm run nothing (a comment)'),
    ).toEqual([])
    expect(npmProblems('npm run --silent no-such-script\nnpm start')).toEqual([
      '`npm run --silent no-such-script`: package.json has no script "no-such-script"',
      '`npm start`: package.json has no script "start"',
    ])
    expect(shellProblems('README.md', block('echo "unclosed\n', 'sh'))).toEqual([
      expect.stringContaining('README.md:10: bash -n:'),
    ])
    expect(
      shellProblems(
        'README.md',
        block('$ npm run demo\nDEMO OK\n$ npm run bench:nope\n', 'console'),
      ),
    ).toEqual(['README.md:10: `npm run bench:nope`: package.json has no script "bench:nope"'])
  })

  it('reads every fenced block, with labels and indented fences', () => {
    const found = codeBlocks(
      'text\n<!-- example: zephyr -->\n```yaml\na: 1\n```\n\n- item\n  ```yml\n  b: 2\n  ```\n~~~\nplain\n~~~\n',
    )
    expect(found).toEqual([
      { line: 3, lang: 'yaml', text: 'a: 1', label: 'example: zephyr' },
      { line: 8, lang: 'yml', text: 'b: 2', label: undefined },
      { line: 11, lang: '', text: 'plain', label: undefined },
    ])
  })
})
