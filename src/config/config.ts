import { isAbsolute, matchesGlob, relative, resolve } from 'node:path'
import type { RunContext } from '../context/run-context.js'
import {
  isSpecVersion,
  SUPPORTED_SPEC_VERSIONS,
  type SpecVersion,
} from '../formats/spec-versions.js'
import { ConfigError } from '../shared/errors.js'
import { DEFAULT_SPDX_FILES, SPDX_FILES_VALUES, type SpdxFiles } from '../formats/spdx-files.js'
import { quoted, shortened } from '../context/quoted.js'

export type Mode = 'publish' | 'validate'
export type Generator = 'auto' | 'npm' | 'github-dependency-graph' | 'command' | 'inspector'

/** generator: inspector — what to export and where Inspector writes it. */
export interface InspectorSettings {
  /** Inspector's resourceFilterCriteria: field → [{comparison, value[, key]}]. */
  readonly filter: Readonly<Record<string, readonly InspectorFilter[]>>
  readonly reportFormat: 'CYCLONEDX_1_4' | 'SPDX_2_3'
  readonly kmsKeyArn: string
  readonly bucket: string
  /** Base prefix; the pipeline adds a part unique to the run. */
  readonly keyPrefix: string
  readonly timeoutSeconds: number
}

export interface InspectorFilter {
  readonly comparison: string
  readonly value: string
  readonly key?: string
}
export type ArchiveFormat = 'zip' | 'json'
export type ServerSideEncryption = 'AES256' | 'aws:kms'

/** Every input, checked and typed. Built once, before any I/O, and never changed afterwards. */
export interface Config {
  readonly packageName: string
  readonly versionName: string
  /**
   * Paths or globs of SBOM files, relative to the workspace: existing ones, or with generator
   * `command` the file the command writes. Empty: generate.
   */
  readonly sbomPatterns: readonly string[]
  readonly generator: Generator
  /** Only with generator `command`. */
  readonly generatorCommand: string | undefined
  /** Relative to the workspace: where the lockfile is looked for and the command runs. */
  readonly workingDirectory: string
  /** npm generator: include devDependencies. */
  readonly includeDev: boolean
  /** Largest SBOM (or lockfile) read, checked before reading. */
  readonly maxSbomBytes: number
  /** For the dependency-graph export; a secret. */
  readonly githubToken: string
  /**
   * Where to write the OCSF Software Inventory Info event: relative to the workspace, "/"-separated,
   * without empty, "." or ".." segments.
   */
  readonly ocsfOutput: string | undefined
  /** Also upload the event to s3-bucket under this prefix (publish mode); ends with "/". */
  readonly ocsfKeyPrefix: string | undefined
  /** Only with generator `inspector`. */
  readonly inspector: InspectorSettings | undefined
  readonly specVersion: SpecVersion
  readonly archive: ArchiveFormat
  /** Several inputs become one BOM instead of one file each. */
  readonly merge: boolean
  readonly inputValidation: 'strict' | 'warn'
  /**
   * SPDX input: files as components (`include`) or not (`exclude`). Always set by readConfig
   * (default `exclude`); optional so configs built by hand stay valid.
   */
  readonly spdxFiles?: SpdxFiles
  /** Fail instead of warning when normalization could not carry some input data. */
  readonly strictNormalization: boolean
  readonly mode: Mode
  /** Only set in publish mode. */
  readonly s3: S3Target | undefined
  /** The object key the artifact gets (or, in validate mode, would get). */
  readonly objectKey: string
  /** s3-bucket as given (validate mode reports where the artifact would go). */
  readonly bucketName: string | undefined
  readonly commitSha: string
  /** The client-token input, when given: it overrides the token rule for every association. */
  readonly clientTokenOverride: string | undefined
  /**
   * The token of this commit's first association of this package version: client-token, or the
   * full commit SHA. Other association requests from the same commit get derived tokens.
   */
  readonly clientToken: string
  readonly createPackageVersion: boolean
  /** Detach a different SBOM the package version already has, then attach ours. */
  readonly replaceExistingSbom: boolean
  readonly publishPackageVersion: boolean
  readonly waitForValidation: boolean
  readonly validationTimeoutSeconds: number
  readonly failOnValidationFailure: boolean
  readonly region: string | undefined
  /** An AWS request silent (nothing sent or received) this long is abandoned and retried. */
  readonly awsRequestTimeoutSeconds: number
  // The three below are always set by readConfig; optional only so configs built by hand stay valid.
  /** generator command: its process group is stopped after this long. Default 1800. */
  readonly generatorTimeoutSeconds?: number
  /** generator command: it gets github-token as GITHUB_TOKEN. Default false. */
  readonly generatorGithubToken?: boolean
  /** Inputs readConfig adjusted (e.g. a "/" added to a key prefix), to say so in the log. */
  readonly notes?: readonly string[]
}

export interface S3Target {
  readonly bucket: string
  /** Full object key of the artifact. */
  readonly key: string
  /** `<s3-key-prefix><package>/`: where this package's earlier SBOMs are. */
  readonly packagePrefix: string
  readonly sse: ServerSideEncryption | undefined
  readonly kmsKeyId: string | undefined
}

export type InputReader = (name: string) => string

// Patterns from the IoT API reference for PackageName / VersionName.
const PACKAGE_NAME = /^[a-zA-Z0-9-_.]{1,128}$/
const VERSION_NAME = /^[a-zA-Z0-9-_.]{1,64}$/
const CLIENT_TOKEN = /^\S{36,64}$/
const FULL_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/
const KEY_PREFIX = /^[A-Za-z0-9!\-_.*'()/]*$/
const GLOB_CHARACTERS = /[*?[\]{}]/
// Default: far above real SBOMs (tens of MB for 50k components), well below what a runner can parse.
const DEFAULT_MAX_SBOM_MB = 100
// The normalizer's own hard limit (MAX_INPUT_BYTES).
const MAX_SBOM_MB = 512
const MAX_TIMEOUT_SECONDS = 6 * 60 * 60 // a GitHub-hosted job cannot run longer

/**
 * Reads and checks every input. Collects all problems and throws one ConfigError listing them,
 * so a user fixes a workflow in one round trip.
 */
export function readConfig(
  input: InputReader,
  context: RunContext,
  env: NodeJS.ProcessEnv = process.env,
): Config {
  const problems: string[] = []
  const notes: string[] = []
  const fail = (problem: string): undefined => {
    problems.push(problem)
    return undefined
  }

  const packageName = input('package-name')
  if (!packageName) fail('package-name is required: the name of the IoT software package.')
  else if (!PACKAGE_NAME.test(packageName))
    fail(
      `package-name ${quoted(packageName)} is not a valid IoT package name: use 1–128 characters from a–z, A–Z, 0–9, "-", "_" and ".".`,
    )
  else if (isDotSegment(packageName))
    fail(
      `package-name "${packageName}" is refused: it becomes a segment of the S3 key, a file name and an AWS IoT URL, where "${packageName}" means a directory, not a name.`,
    )

  const stripPrefix = input('version-name-strip-prefix')
  const fromTag = versionFromRef(context.ref)
  // Only the tag-derived name is stripped: an explicit version-name is taken as written.
  const versionName =
    input('version-name') ||
    (stripPrefix && fromTag.startsWith(stripPrefix) ? fromTag.slice(stripPrefix.length) : fromTag)
  const fromWhere = input('version-name')
    ? ''
    : ` (taken from ${context.ref}${stripPrefix ? `, prefix ${quoted(stripPrefix)} stripped` : ''})`
  if (!versionName)
    fail(
      fromTag
        ? `version-name is empty: the tag ${quoted(fromTag)} is nothing but version-name-strip-prefix ${quoted(stripPrefix)}.`
        : `version-name is required when the run is not for a tag (GITHUB_REF is "${context.ref || 'unset'}"): set it, e.g. version-name: \${{ github.ref_name }} on tag pushes.`,
    )
  else if (!VERSION_NAME.test(versionName))
    fail(
      `version-name ${quoted(versionName)}${fromWhere} is not a valid IoT package version name: use 1–64 characters from a–z, A–Z, 0–9, "-", "_" and "."${input('version-name') ? '' : '; name tags accordingly, or set version-name'}.`,
    )
  else if (isDotSegment(versionName))
    fail(
      `version-name "${versionName}"${fromWhere} is refused: it becomes a segment of the S3 key, a file name and an AWS IoT URL, where "${versionName}" means a directory, not a name.`,
    )

  const sbomPatterns = input('sbom')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
  const checkedPatterns = sbomPatterns.filter((pattern) =>
    checkSbomPattern(pattern, context.workspace, fail),
  )
  const generator = readGenerator(input, sbomPatterns, fail)
  const generatorCommand = input('generator-command') || undefined
  if (generatorCommand !== undefined && generator !== 'command')
    fail(
      `generator-command is set but generator is ${quoted(input('generator') || 'auto')}: set generator: command to run it.`,
    )
  // Read whatever the generator: action.yml gives them defaults, so "set" cannot be told apart.
  const generatorTimeoutSeconds = wholeSecondsInput(
    input,
    'generator-timeout-seconds',
    { fallback: 1800, min: 1, max: MAX_TIMEOUT_SECONDS },
    fail,
  )
  const generatorGithubToken = booleanInput(input, 'generator-github-token', false, fail)
  const workingDirectory = input('working-directory') || '.'
  if (isAbsolute(workingDirectory) || workingDirectory.split(/[\\/]/).includes('..'))
    fail(
      `working-directory ${quoted(workingDirectory)} must be a path inside the workspace, relative to it, without "..".`,
    )
  const includeDev = booleanInput(input, 'include-dev', false, fail)
  const sizeText = input('max-sbom-size-mb') || String(DEFAULT_MAX_SBOM_MB)
  const maxSbomMb = Number(sizeText)
  if (!/^\d+(\.\d+)?$/.test(sizeText) || maxSbomMb <= 0 || maxSbomMb > MAX_SBOM_MB)
    fail(
      `max-sbom-size-mb ${quoted(sizeText)} must be a number of megabytes above 0 and at most ${MAX_SBOM_MB}.`,
    )
  const githubToken = input('github-token')
  const inspector = generator === 'inspector' ? readInspector(input, fail, notes) : undefined
  const ocsfOutput = readOcsfOutput(input('ocsf-output'), checkedPatterns, context.workspace, fail)
  const ocsfKeyPrefix = keyPrefixInput(input, 'ocsf-s3-key-prefix', undefined, fail, notes)
  if (input('ocsf-s3-key-prefix') && !input('ocsf-output'))
    fail('ocsf-s3-key-prefix uploads the OCSF event that ocsf-output writes: set ocsf-output too.')

  const specInput = input('cyclonedx-spec-version') || '1.4'
  const specVersion = isSpecVersion(specInput)
    ? specInput
    : fail(
        `cyclonedx-spec-version ${quoted(specInput)} is not supported: use one of ${SUPPORTED_SPEC_VERSIONS.join(', ')}.`,
      )

  const archive = oneOf(input, 'sbom-archive', ['zip', 'json'] as const, 'zip', fail)
  const mode = oneOf(input, 'mode', ['publish', 'validate'] as const, 'publish', fail)
  const inputValidation = oneOf(
    input,
    'input-validation',
    ['warn', 'strict'] as const,
    'warn',
    fail,
  )
  const strictNormalization = booleanInput(input, 'strict-normalization', false, fail)
  const spdxFiles = oneOf(input, 'spdx-files', SPDX_FILES_VALUES, DEFAULT_SPDX_FILES, fail)
  const merge = booleanInput(input, 'merge', false, fail)

  const commitSha = context.sha
  if (!FULL_SHA.test(commitSha))
    fail(
      `the commit SHA from ${context.shaSource} is ${quoted(commitSha || 'empty')}, not a full hexadecimal commit id. Run inside GitHub Actions, or set GITHUB_SHA.`,
    )

  const clientTokenOverride = input('client-token') || undefined
  const clientToken = clientTokenOverride ?? commitSha
  if (!CLIENT_TOKEN.test(clientToken)) {
    const shortSha = /^[0-9a-f]{7,35}$/.test(clientToken)
    fail(
      `client-token ${quoted(clientToken)} must be 36–64 characters without spaces (AWS IoT's idempotency token).` +
        (shortSha
          ? ' It looks like a short commit SHA: pass the full 40-character SHA (github.sha).'
          : ''),
    )
  }

  const createPackageVersion = booleanInput(input, 'create-package-version', false, fail)
  const replaceExistingSbom = booleanInput(input, 'replace-existing-sbom', false, fail)
  const publishPackageVersion = booleanInput(input, 'publish-package-version', false, fail)
  const waitForValidation = booleanInput(input, 'wait-for-validation', true, fail)
  const failOnValidationFailure = booleanInput(input, 'fail-on-validation-failure', true, fail)
  if (publishPackageVersion && !waitForValidation)
    fail(
      'publish-package-version: true needs wait-for-validation: true: the version is only published after AWS says SUCCEEDED.',
    )

  const validationTimeoutSeconds = wholeSecondsInput(
    input,
    'validation-timeout-seconds',
    { fallback: 600, min: 1, max: MAX_TIMEOUT_SECONDS },
    fail,
  )

  const awsRequestTimeoutSeconds = wholeSecondsInput(
    input,
    'aws-request-timeout-seconds',
    { fallback: 60, min: 1, max: 900 },
    fail,
  )

  // Checked in validate mode too: the summary says where the artifact would go.
  const keyPrefix = keyPrefixInput(input, 's3-key-prefix', 'sbom/', fail, notes)
  // An unknown mode still gets its S3 inputs checked, so the user sees every problem at once.
  const s3 =
    mode !== 'validate'
      ? readS3Target(input, fail, keyPrefix, { packageName, versionName, commitSha, archive })
      : undefined
  const region = input('aws-region') || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined
  if ((mode !== 'validate' || generator === 'inspector') && !region)
    fail(
      `aws-region is required ${mode === 'validate' ? 'for generator: inspector' : 'to publish'}: set it, or set AWS_REGION (aws-actions/configure-aws-credentials does).`,
    )
  else if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
    fail(`aws-region ${quoted(region)} does not look like an AWS region (e.g. eu-west-1).`)

  if (problems.length > 0) throw new ConfigError(problems)
  // Every `fail` path above pushed a problem, so the values below are all defined.
  return Object.freeze({
    packageName,
    versionName,
    sbomPatterns: Object.freeze(sbomPatterns),
    generator: generator as Generator,
    generatorCommand,
    workingDirectory,
    includeDev: includeDev as boolean,
    maxSbomBytes: Math.round(maxSbomMb * 1024 * 1024),
    githubToken,
    inspector,
    ocsfOutput,
    ocsfKeyPrefix,
    specVersion: specVersion as SpecVersion,
    archive: archive as ArchiveFormat,
    merge: merge as boolean,
    inputValidation: inputValidation as 'strict' | 'warn',
    strictNormalization: strictNormalization as boolean,
    spdxFiles: spdxFiles as SpdxFiles,
    mode: mode as Mode,
    s3,
    objectKey: objectKeyOf(keyPrefix ?? 'sbom/', {
      packageName,
      versionName,
      commitSha,
      archive,
    }),
    bucketName: input('s3-bucket') || undefined,
    commitSha,
    clientTokenOverride,
    clientToken,
    createPackageVersion: createPackageVersion as boolean,
    replaceExistingSbom: replaceExistingSbom as boolean,
    publishPackageVersion: publishPackageVersion as boolean,
    waitForValidation: waitForValidation as boolean,
    validationTimeoutSeconds: validationTimeoutSeconds as number,
    failOnValidationFailure: failOnValidationFailure as boolean,
    region,
    awsRequestTimeoutSeconds: awsRequestTimeoutSeconds as number,
    generatorTimeoutSeconds: generatorTimeoutSeconds as number,
    generatorGithubToken: generatorGithubToken as boolean,
    notes: Object.freeze(notes),
  })
}

/** "." and "..": as a key segment, file name or URL segment they name a directory. */
function isDotSegment(name: string): boolean {
  return name === '.' || name === '..'
}

/** Names a pattern's numeric brace ranges may expand to: `{1..100000}` takes a minute to match. */
const MAX_BRACE_EXPANSION = 10_000

/**
 * A pattern with ".." could walk or read outside the workspace (`../**` would list the whole
 * disk before any file is refused), so it is refused before anything is read; so is one whose
 * numeric ranges expand to more names than any release has SBOMs. False when refused.
 */
function checkSbomPattern(
  pattern: string,
  workspace: string,
  fail: (problem: string) => undefined,
): boolean {
  const expansion = [...pattern.matchAll(/\{(-?\d+)\.\.(-?\d+)(?:\.\.-?\d+)?\}/g)].reduce(
    (product, [, from, to]) => product * (Math.abs(Number(to) - Number(from)) + 1),
    1,
  )
  if (expansion > MAX_BRACE_EXPANSION) {
    fail(
      `sbom pattern ${quoted(pattern)} has numeric ranges ({a..b}) that expand to ${expansion} names, more than ${MAX_BRACE_EXPANSION}: list the files, or use * instead.`,
    )
    return false
  }
  if (!pattern.split('/').includes('..')) return true
  const resolved = resolve(workspace, pattern)
  const fromWorkspace = relative(workspace, resolved)
  const what = GLOB_CHARACTERS.test(pattern) ? 'pattern' : 'file'
  if (fromWorkspace === '..' || fromWorkspace.startsWith('../') || isAbsolute(fromWorkspace))
    fail(
      `sbom ${what} ${quoted(pattern)} resolves to ${quoted(resolved)}, outside the workspace ${workspace}: only files inside GITHUB_WORKSPACE are read.`,
    )
  else
    fail(
      `sbom ${what} ${quoted(pattern)} contains "..": write it without (${quoted(fromWorkspace || '.')}), so that no pattern can lead out of the workspace.`,
    )
  return false
}

/**
 * ocsf-output's shape (the file system is checked right before writing): a file inside the
 * workspace, relative to it, that is not one of the SBOM inputs.
 */
function readOcsfOutput(
  value: string,
  sbomPatterns: readonly string[],
  workspace: string,
  fail: (problem: string) => undefined,
): string | undefined {
  if (!value) return undefined
  const hint =
    'give a file path relative to the workspace, e.g. reports/sbom.ocsf.json (copy it elsewhere in a later step if needed).'
  if (isAbsolute(value)) return fail(`ocsf-output ${quoted(value)} is an absolute path: ${hint}`)
  const segments = value.split('/')
  if (segments.includes('..')) return fail(`ocsf-output ${quoted(value)} contains "..": ${hint}`)
  const path = segments.filter((segment) => segment !== '' && segment !== '.').join('/')
  if (path === '' || value.endsWith('/') || value.endsWith('/.'))
    return fail(`ocsf-output ${quoted(value)} names a directory, not a file: ${hint}`)
  const input = sbomPatterns.find((pattern) => {
    const relativePattern = isAbsolute(pattern) ? relative(workspace, pattern) : pattern
    const normalized = relativePattern
      .split('/')
      .filter((segment) => segment !== '' && segment !== '.')
      .join('/')
    return normalized === path || matchesGlob(path, normalized)
  })
  if (input !== undefined)
    return fail(
      `ocsf-output ${quoted(value)} is also named by sbom (${quoted(input)}): the event would overwrite the SBOM; pick another file.`,
    )
  return path
}

/**
 * s3-key-prefix, ocsf-s3-key-prefix, inspector-s3-key-prefix: S3 keeps ".", ".." and empty
 * segments literally, so `a/../b/` would not mean what it says; they are refused. A missing
 * trailing "/" would glue the prefix to the package name (`sbomsgateway-fw/`): it is added, and
 * a note says so.
 */
function keyPrefixInput(
  input: InputReader,
  name: string,
  fallback: string | undefined,
  fail: (problem: string) => undefined,
  notes: string[],
): string | undefined {
  const value = input(name) || fallback
  if (value === undefined) return undefined
  const segments = value.split('/')
  // "a/b/" splits into a, b and a final empty string: the "/" it ends with.
  if (value.endsWith('/')) segments.pop()
  const problem = !KEY_PREFIX.test(value)
    ? "has characters other than letters, digits and !-_.*'()/"
    : value.startsWith('/')
      ? 'starts with "/"'
      : segments.some(isDotSegment)
        ? 'has a "." or ".." segment'
        : segments.includes('')
          ? 'has an empty segment ("//")'
          : undefined
  if (problem !== undefined)
    return fail(
      `${name} ${quoted(value)} ${problem}: a key prefix may only contain letters, digits and !-_.*'()/, must not start with "/", and has no empty, "." or ".." segments (e.g. sbom/ or releases/sbom/).`,
    )
  if (value.endsWith('/')) return value
  notes.push(
    `${name} ${quoted(value)} does not end with "/": using ${quoted(`${value}/`)}, so the keys are <prefix>/<package>/… rather than <prefix><package>/….`,
  )
  return `${value}/`
}

const GENERATORS = ['auto', 'npm', 'github-dependency-graph', 'command', 'inspector'] as const
// The ResourceFilterCriteria fields of Inspector's CreateSbomExport.
const INSPECTOR_FILTER_FIELDS = [
  'accountId',
  'resourceId',
  'resourceType',
  'ecrRepositoryName',
  'ecrImageTags',
  'lambdaFunctionName',
  'ec2InstanceTags',
  'lambdaFunctionTags',
]
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/\S+$/

function readInspector(
  input: InputReader,
  fail: (problem: string) => undefined,
  notes: string[],
): InspectorSettings | undefined {
  const filter: Record<string, InspectorFilter[]> = {}
  const add = (field: string, value: string) =>
    (filter[field] ??= []).push({ comparison: 'EQUALS', value })
  const text = input('inspector-resource-filter')
  if (text) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (error) {
      fail(`inspector-resource-filter is not valid JSON: ${shortened((error as Error).message)}.`)
    }
    if (parsed !== undefined) {
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        fail('inspector-resource-filter must be a JSON object of Inspector resourceFilterCriteria.')
      else
        for (const [field, conditions] of Object.entries(parsed)) {
          const valid =
            INSPECTOR_FILTER_FIELDS.includes(field) &&
            Array.isArray(conditions) &&
            conditions.every(
              (c) =>
                typeof c === 'object' &&
                c !== null &&
                typeof (c as InspectorFilter).value === 'string' &&
                typeof (c as InspectorFilter).comparison === 'string',
            )
          if (!valid)
            fail(
              `inspector-resource-filter field ${quoted(field)} must be one of ${INSPECTOR_FILTER_FIELDS.join(', ')}, holding a list of {"comparison": "EQUALS", "value": "…"}.`,
            )
          else filter[field] = [...(filter[field] ?? []), ...(conditions as InspectorFilter[])]
        }
    }
  }
  const repository = input('inspector-ecr-repository')
  const tag = input('inspector-ecr-image-tag')
  const lambda = input('inspector-lambda-function')
  if (repository) add('ecrRepositoryName', repository)
  if (tag) add('ecrImageTags', tag)
  if (tag && !repository)
    fail(
      'inspector-ecr-image-tag needs inspector-ecr-repository: a tag alone matches images of every repository.',
    )
  if (lambda) add('lambdaFunctionName', lambda)
  if (Object.keys(filter).length === 0)
    fail(
      'generator: inspector needs a resource filter, or it would export every resource of the account: set inspector-ecr-repository (+ inspector-ecr-image-tag), inspector-lambda-function, or inspector-resource-filter.',
    )
  const reportFormat = oneOf(
    input,
    'inspector-report-format',
    ['CYCLONEDX_1_4', 'SPDX_2_3'] as const,
    'CYCLONEDX_1_4',
    fail,
  )
  const kmsKeyArn = input('inspector-kms-key-arn')
  if (!kmsKeyArn)
    fail('generator: inspector needs inspector-kms-key-arn: Inspector encrypts the export with it.')
  else if (!KMS_KEY_ARN.test(kmsKeyArn))
    fail(
      `inspector-kms-key-arn ${quoted(kmsKeyArn)} is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>).`,
    )
  const bucket = input('inspector-s3-bucket') || input('s3-bucket')
  if (!bucket)
    fail(
      'generator: inspector needs inspector-s3-bucket (or s3-bucket): where Inspector writes the export.',
    )
  else if (!BUCKET_NAME.test(bucket))
    fail(`inspector-s3-bucket ${quoted(bucket)} is not a valid S3 bucket name.`)
  const keyPrefix = keyPrefixInput(input, 'inspector-s3-key-prefix', 'inspector-sbom/', fail, notes)
  const timeoutSeconds = wholeSecondsInput(
    input,
    'inspector-timeout-seconds',
    { fallback: 600, min: 1, max: MAX_TIMEOUT_SECONDS },
    fail,
  )
  if (!kmsKeyArn || !bucket || !reportFormat || !keyPrefix || timeoutSeconds === undefined)
    return undefined
  return Object.freeze({ filter, reportFormat, kmsKeyArn, bucket, keyPrefix, timeoutSeconds })
}

/** The generator, checked against the sbom input: each needs sbom set, or empty. */
function readGenerator(
  input: InputReader,
  sbomPatterns: readonly string[],
  fail: (problem: string) => undefined,
): Generator | undefined {
  const value = input('generator') || 'auto'
  if (!(GENERATORS as readonly string[]).includes(value))
    return fail(`generator ${quoted(value)} must be one of: ${GENERATORS.join(', ')}.`)
  const generator = value as Generator
  if (generator === 'command') {
    if (!input('generator-command'))
      fail('generator: command needs generator-command, the shell command that writes the SBOM.')
    if (sbomPatterns.length === 0)
      fail(
        'generator: command needs sbom: the path of the file generator-command writes (relative to the workspace).',
      )
  } else if (generator !== 'auto' && sbomPatterns.length > 0)
    fail(
      `sbom is set, so there is nothing for generator ${quoted(generator)} to do: leave sbom empty to generate, or leave generator at auto to use the file(s).`,
    )
  return generator
}

/** `refs/tags/v2.4.0` → `v2.4.0`; anything else → empty. */
function versionFromRef(ref: string): string {
  return ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : ''
}

function readS3Target(
  input: InputReader,
  fail: (problem: string) => undefined,
  keyPrefix: string | undefined,
  parts: {
    packageName: string
    versionName: string
    commitSha: string
    archive: string | undefined
  },
): S3Target | undefined {
  const bucket = input('s3-bucket')
  if (!bucket)
    fail('s3-bucket is required in publish mode: the versioned S3 bucket that stores SBOMs.')
  else if (
    !BUCKET_NAME.test(bucket) ||
    bucket.includes('..') ||
    /^\d+\.\d+\.\d+\.\d+$/.test(bucket)
  )
    fail(
      `s3-bucket ${quoted(bucket)} is not a valid S3 bucket name: 3–63 characters, lowercase letters, digits, "." and "-", starting and ending with a letter or digit.`,
    )

  const key = objectKeyOf(keyPrefix ?? 'sbom/', parts)
  if (keyPrefix !== undefined && key.length > 1024)
    fail(
      `the S3 key "${key.slice(0, 80)}…" is longer than S3's 1024 characters: shorten s3-key-prefix.`,
    )

  const sseInput = input('s3-sse')
  const kmsKeyId = input('s3-kms-key-id') || undefined
  let sse: ServerSideEncryption | undefined
  if (sseInput === 'AES256' || sseInput === 'aws:kms') sse = sseInput
  else if (sseInput === '') sse = kmsKeyId ? 'aws:kms' : undefined
  else
    fail(
      `s3-sse ${quoted(sseInput)} must be AES256 or aws:kms (or empty for the bucket's default encryption).`,
    )
  if (kmsKeyId && sse === 'AES256')
    fail('s3-kms-key-id is set but s3-sse is AES256: use s3-sse: aws:kms.')

  const packagePrefix = `${keyPrefix}${parts.packageName}/`
  return bucket && keyPrefix
    ? Object.freeze({ bucket, key, packagePrefix, sse, kmsKeyId })
    : undefined
}

/** `<prefix><package>/<version>/<commit sha>.<zip|cdx.json>` */
function objectKeyOf(
  keyPrefix: string,
  parts: {
    packageName: string
    versionName: string
    commitSha: string
    archive: string | undefined
  },
): string {
  const extension = parts.archive === 'json' ? 'cdx.json' : 'zip'
  return `${keyPrefix}${parts.packageName}/${parts.versionName}/${parts.commitSha}.${extension}`
}

function oneOf<T extends string>(
  input: InputReader,
  name: string,
  allowed: readonly T[],
  fallback: T,
  fail: (problem: string) => undefined,
): T | undefined {
  const value = input(name) || fallback
  return (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fail(`${name} ${quoted(value)} must be one of: ${allowed.join(', ')}.`)
}

/** A whole number of seconds within [min, max]; anything else is refused, not rounded. */
function wholeSecondsInput(
  input: InputReader,
  name: string,
  range: { fallback: number; min: number; max: number },
  fail: (problem: string) => undefined,
): number | undefined {
  const text = input(name) || String(range.fallback)
  const value = Number(text)
  if (/^\d+$/.test(text) && value >= range.min && value <= range.max) return value
  return fail(
    `${name} ${quoted(text)} must be a whole number of seconds from ${range.min} to ${range.max}.`,
  )
}

/** Strict: only `true` / `false` (any case). "yes", "1" and typos are refused, not guessed. */
function booleanInput(
  input: InputReader,
  name: string,
  fallback: boolean,
  fail: (problem: string) => undefined,
): boolean | undefined {
  const value = input(name).toLowerCase()
  if (value === '') return fallback
  if (value === 'true') return true
  if (value === 'false') return false
  return fail(`${name} ${quoted(input(name))} must be true or false.`)
}
