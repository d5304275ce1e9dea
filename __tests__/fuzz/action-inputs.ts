// The action's inputs as the fuzzer sees them: names, `required` and defaults read from
// action.yml, so an input added there is fuzzed without a change here.
//
// A case is a workflow's `with:`: every input set or not (when not, the runner passes its
// default), a set input taking a value of its shape, then a few inputs overwritten with hostile
// text. An input has a shape when SHAPES names it or when its action.yml default is a boolean or
// a whole number; any other input (a new one included) is set to random text. Shapes are
// plausible values, so that whole cases get through readConfig and the hostile edits hit one
// check at a time, in every input.
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { parse } from 'yaml'

interface InputSpec {
  readonly description?: string
  readonly required?: boolean
  readonly default?: string
}

export const ACTION_INPUTS = (
  parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
    inputs: Record<string, InputSpec>
  }
).inputs

/** What the runner puts in place of the `${{ … }}` expressions action.yml defaults use. */
const EXPRESSIONS: Record<string, string> = {
  'github.token': 'ghs_FuzzRunnerToken0123456789abcdefghijkl',
}

/**
 * The value the runner passes for an input the workflow does not set: its default, expressions
 * evaluated; nothing (an empty string) without one.
 */
export function runnerDefault(name: string): string {
  return (ACTION_INPUTS[name]?.default ?? '').replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression) => {
    const value = EXPRESSIONS[expression]
    if (value === undefined)
      throw new Error(
        `action.yml default of ${name} uses \${{ ${expression} }}: add it to EXPRESSIONS`,
      )
    return value
  })
}

/** Values any input can be given: random text, emptiness, traversal, near misses, a command. */
const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    '  ',
    '\n::error::x',
    '../x',
    'v1/../../x',
    '.',
    '..',
    './',
    'a//b/',
    '/etc/passwd',
    '${{ github.token }}',
    'yes',
    '0',
    '-1',
    '1.5',
    '1e3',
    '21601',
    'EU',
    'a..b',
    '192.168.0.1',
  ),
)

const boolean = fc.constantFrom('true', 'false', 'TRUE', 'False')
const wholeNumber = fc.integer({ min: 1, max: 512 }).map(String)
const bucket = fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}[a-z0-9]$/)
/**
 * Key prefixes of one to three segments, with or without the final "/"; now and then one that
 * could lead out of the prefix (an empty, "." or ".." segment, a leading "/").
 */
const keyPrefix = fc
  .tuple(
    fc.array(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('sbom', 'releases', "a!-_.*'()") },
        { weight: 1, arbitrary: fc.constantFrom('.', '..', '') },
      ),
      { minLength: 1, maxLength: 3 },
    ),
    fc.constantFrom('', '', '', '/'),
    fc.boolean(),
  )
  .map(([segments, lead, slash]) => `${lead}${segments.join('/')}${slash ? '/' : ''}`)
/** An AWS IoT package or version name, now and then "." or "..", which are refused. */
const iotName = (max: number) =>
  fc.oneof(
    { weight: 9, arbitrary: fc.stringMatching(new RegExp(`^[a-zA-Z0-9_.-]{1,${max}}$`)) },
    { weight: 1, arbitrary: fc.constantFrom('.', '..') },
  )
/** Workspace-relative paths and globs, one or several lines. */
const path = fc
  .array(
    fc
      .array(fc.constantFrom('build', 'sbom.cdx.json', '*.json', '**', '{1..3}.json'), {
        minLength: 1,
        maxLength: 3,
      })
      .map((segments) => segments.join('/')),
    { minLength: 1, maxLength: 2 },
  )
  .map((lines) => lines.join('\n'))

/** Inputs whose values need a form random text would almost never have. */
export const SHAPES: Record<string, fc.Arbitrary<string>> = {
  'package-name': iotName(128),
  'version-name': iotName(64),
  'version-name-strip-prefix': fc.constantFrom('v', 'release-', 'x'),
  mode: fc.constantFrom('publish', 'validate'),
  generator: fc.constantFrom('auto', 'npm', 'github-dependency-graph', 'command', 'inspector'),
  sbom: path,
  'working-directory': fc.constantFrom('.', 'app', 'packages/web'),
  'ocsf-output': fc.constantFrom('reports/sbom.ocsf.json', 'sbom.ocsf.json'),
  'cyclonedx-spec-version': fc.constantFrom('1.2', '1.3', '1.4', '1.5', '1.6', '1.7'),
  'sbom-archive': fc.constantFrom('zip', 'json'),
  'input-validation': fc.constantFrom('warn', 'strict'),
  'spdx-files': fc.constantFrom('exclude', 'include'),
  's3-sse': fc.constantFrom('AES256', 'aws:kms'),
  's3-bucket': bucket,
  'inspector-s3-bucket': bucket,
  's3-key-prefix': keyPrefix,
  'ocsf-s3-key-prefix': keyPrefix,
  'inspector-s3-key-prefix': keyPrefix,
  'aws-region': fc.constantFrom('eu-west-1', 'us-gov-west-1', 'ap-southeast-2'),
  'client-token': fc.stringMatching(/^[!-~]{36,64}$/),
  'inspector-report-format': fc.constantFrom('CYCLONEDX_1_4', 'SPDX_2_3'),
  'ocsf-device-type': fc.constantFrom('IOT', 'iot', 'Server', '7', '99', 'Router'),
  'package-type': fc.constantFrom('firmware', 'application', 'device', 'operating-system'),
  'quality-profile': fc.constantFrom('none', 'ntia-2021', 'cisa-2025', 'bsi-tr-03183-2'),
  'quality-gate': fc.constantFrom('off', 'warn', 'fail'),
  'quality-min-score': fc.integer({ min: 0, max: 100 }).map(String),
  'quality-required-elements': fc
    .subarray(['supplier', 'version', 'unique-id', 'hash', 'license'])
    .map((ids) => ids.join(',')),
  'inspector-kms-key-arn': fc.constant(
    'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  ),
  'inspector-resource-filter': fc
    .tuple(
      fc.constantFrom('resourceId', 'ecrRepositoryName', 'lambdaFunctionName', 'accountId'),
      fc.string({ maxLength: 10 }),
    )
    .map(([field, value]) => JSON.stringify({ [field]: [{ comparison: 'EQUALS', value }] })),
}

/** The values a set input takes before the hostile edits; undefined: random text. */
function shapeOf(name: string): fc.Arbitrary<string> | undefined {
  const shape = SHAPES[name]
  if (shape) return shape
  const fallback = ACTION_INPUTS[name]?.default ?? ''
  if (fallback === 'true' || fallback === 'false') return boolean
  if (/^\d+$/.test(fallback)) return wholeNumber
  return undefined
}

const NAMES = Object.keys(ACTION_INPUTS)

/**
 * A workflow's `with:`: undefined for an input it does not set. Required inputs are set; each
 * other input is set in half the cases (random text in a quarter, when it has no shape: a
 * setting the fuzzer knows nothing of is more often a mistake than not). Then zero to three
 * inputs get hostile values.
 */
export const workflowInputs: fc.Arbitrary<Partial<Record<string, string>>> = fc
  .tuple(
    fc.record(
      Object.fromEntries(
        NAMES.map((name) => {
          const shape = shapeOf(name)
          const values = shape ?? fc.string({ maxLength: 20 })
          if (ACTION_INPUTS[name]?.required) return [name, values]
          const unset = { weight: shape ? 1 : 3, arbitrary: fc.constant(undefined) }
          return [name, fc.oneof(unset, { weight: 1, arbitrary: values })]
        }),
      ),
    ),
    fc.array(fc.tuple(fc.constantFrom(...NAMES), hostile), { maxLength: 3 }),
  )
  .map(([base, edits]) => ({ ...base, ...Object.fromEntries(edits) }))
