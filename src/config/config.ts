import type { RunContext } from '../context/run-context.js'
import { quoted } from '../context/quoted.js'
import { ComponentType } from '@cyclonedx/cyclonedx-library/Enums'
import {
  isSpecVersion,
  NEWEST_SPEC_VERSION,
  specOf,
  SUPPORTED_SPEC_VERSIONS,
  type SpecVersion,
} from '../formats/spec-versions.js'
import { DEFAULT_SPDX_FILES, SPDX_FILES_VALUES, type SpdxFiles } from '../formats/spdx-files.js'
import {
  ARCHIVE_FORMAT_NAMES,
  DEFAULT_ARCHIVE_FORMAT,
  type ArchiveFormat,
} from '../sbom/archive-formats.js'
import type { Generator } from '../sources/generators.js'
import { ConfigError } from '../shared/errors.js'
import {
  booleanInput,
  Inputs,
  keyPrefixInput,
  oneOf,
  timeoutInput,
  wholeSecondsInput,
  type InputReader,
} from './inputs.js'
import { readInspector, type InspectorExport, type InspectorSettings } from './inspector.js'
import { readNames } from './names.js'
import { readQuality, type QualitySettings } from './quality.js'
import { readOcsf } from './ocsf.js'
import {
  DEFAULT_KEY_PREFIX,
  objectKeyOf,
  readS3Target,
  type KeyParts,
  type S3Target,
} from './s3.js'
import { readGenerator, readSbomPatterns, readSources } from './sources.js'

export type { ArchiveFormat } from '../sbom/archive-formats.js'
export type { Generator } from '../sources/generators.js'
export type { InputReader } from './inputs.js'
export type { InspectorFilter, InspectorSettings } from './inspector.js'
export type { S3Target, ServerSideEncryption } from './s3.js'

const MODES = ['publish', 'validate'] as const
export type Mode = (typeof MODES)[number]
const INPUT_VALIDATION = ['warn', 'strict'] as const

/** Every input, checked and typed. Built once, before any I/O, and never changed afterwards. */
export type Config = PublishConfig | ValidateConfig

/** mode: publish — upload to S3, associate with the IoT package version, wait for the verdict. */
export interface PublishConfig extends ConfigBase {
  readonly mode: 'publish'
  readonly s3: S3Target
  readonly region: string
}

/** mode: validate — build and check the artifact; nothing goes to S3 or AWS IoT. */
export interface ValidateConfig extends ConfigBase {
  readonly mode: 'validate'
  /** Where publish mode would put the artifact, for the summary: s3-bucket as given, and the key. */
  readonly wouldUploadTo: { readonly bucket: string | undefined; readonly key: string }
  /** Only needed (and then required) for generator: inspector. */
  readonly region: string | undefined
}

/** What both modes have. */
export interface ConfigBase {
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
  /** OCSF device.type_id of the product the event inventories (ocsf-device-type, default 7 IOT). */
  readonly ocsfDeviceTypeId: number
  /** Only with generator `inspector`. */
  readonly inspector: InspectorSettings | undefined
  readonly specVersion: SpecVersion
  readonly archive: ArchiveFormat
  /** Several inputs become one BOM instead of one file each. */
  readonly merge: boolean
  readonly inputValidation: (typeof INPUT_VALIDATION)[number]
  /** SPDX input: files as components (`include`) or not (`exclude`, the default). */
  readonly spdxFiles: SpdxFiles
  /** Fail instead of warning when normalization could not carry some input data. */
  readonly strictNormalization: boolean
  /**
   * Publish even when normalization loses components, purls or dependency edges (listed either
   * way); without it such a loss stops the run.
   */
  readonly allowComponentLoss: boolean
  /** CycloneDX type of metadata.component, the IoT package the SBOM is about. */
  readonly packageType: string
  /** quality-profile, quality-gate, quality-min-score, quality-required-elements. */
  readonly quality: QualitySettings
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
  /** An AWS request silent (nothing sent or received) this long is abandoned and retried. */
  readonly awsRequestTimeoutSeconds: number
  /** generator command: its process group is stopped after this long. Default 1800. */
  readonly generatorTimeoutSeconds: number
  /** generator command: it gets github-token as GITHUB_TOKEN. Default false. */
  readonly generatorGithubToken: boolean
  /** Inputs readConfig adjusted (e.g. a "/" added to a key prefix), to say so in the log. */
  readonly notes: readonly string[]
}

/**
 * Reads and checks every input. Collects all problems and throws one ConfigError listing them,
 * so a user fixes a workflow in one round trip.
 */
export function readConfig(
  input: InputReader,
  context: RunContext,
  env: NodeJS.ProcessEnv = process.env,
): Config {
  // Each reader records its problems in `inputs` and returns undefined for what it refused.
  const inputs = new Inputs(input)
  const names = readNames(inputs, context.ref)
  const patterns = readSbomPatterns(inputs, context.workspace)
  const generator = readGenerator(inputs, patterns.all)
  const sources = readSources(inputs, generator)
  const inspector = generator === 'inspector' ? readInspector(inputs) : undefined
  const ocsf = readOcsf(inputs, patterns.checked, context.workspace)
  const specVersion = readSpecVersion(inputs)
  const packageType = readPackageType(inputs, specVersion)
  const archive = oneOf(inputs, 'sbom-archive', ARCHIVE_FORMAT_NAMES, DEFAULT_ARCHIVE_FORMAT)
  const mode = oneOf(inputs, 'mode', MODES, 'publish')
  const normalization = readNormalization(inputs)
  const quality = readQuality(inputs)
  const association = readAssociation(inputs, context)
  const key = { ...names, commitSha: context.sha, archive }
  const aws = readAws(inputs, env, { mode, generator, inspector, key })
  if (
    inputs.problems.length > 0 ||
    generator === undefined ||
    sources === undefined ||
    specVersion === undefined ||
    packageType === undefined ||
    archive === undefined ||
    normalization === undefined ||
    quality === undefined ||
    association === undefined ||
    aws === undefined
  )
    throw new ConfigError(inputs.problems)
  return Object.freeze({
    ...names,
    sbomPatterns: Object.freeze(patterns.all),
    generator,
    ...sources,
    inspector: aws.inspector,
    ...ocsf,
    specVersion,
    packageType,
    archive,
    ...normalization,
    quality,
    ...association,
    awsRequestTimeoutSeconds: aws.awsRequestTimeoutSeconds,
    ...aws.destination,
    notes: Object.freeze(inputs.notes),
  })
}

function readSpecVersion(inputs: Inputs): SpecVersion | undefined {
  const value = inputs.get('cyclonedx-spec-version') || '1.4'
  return isSpecVersion(value)
    ? value
    : inputs.fail(
        `cyclonedx-spec-version ${quoted(value)} is not supported: use one of ${SUPPORTED_SPEC_VERSIONS.join(', ')}.`,
      )
}

/** package-type: a CycloneDX component type the target spec has (firmware by default). */
function readPackageType(inputs: Inputs, specVersion: SpecVersion | undefined): string | undefined {
  const value = inputs.get('package-type') || 'firmware'
  // An unknown spec version is reported on its own; the type is then checked against the default's.
  const spec = specOf(specVersion ?? '1.4')
  if (spec.supportsComponentType(value)) return value
  const known = Object.values(ComponentType).filter((type) => spec.supportsComponentType(type))
  return inputs.fail(
    `package-type ${quoted(value)} is not a component type of CycloneDX ${specVersion ?? '1.4'}: use one of ${known.join(', ')}${specVersion !== NEWEST_SPEC_VERSION && specOf(NEWEST_SPEC_VERSION).supportsComponentType(value) ? `, or a newer cyclonedx-spec-version` : ''}.`,
  )
}

type NormalizationSettings = Pick<
  ConfigBase,
  'inputValidation' | 'strictNormalization' | 'allowComponentLoss' | 'spdxFiles' | 'merge'
>

/** How the inputs are checked and carried into the artifact. */
function readNormalization(inputs: Inputs): NormalizationSettings | undefined {
  const inputValidation = oneOf(inputs, 'input-validation', INPUT_VALIDATION, 'warn')
  const strictNormalization = booleanInput(inputs, 'strict-normalization', false)
  const allowComponentLoss = booleanInput(inputs, 'allow-component-loss', false)
  const spdxFiles = oneOf(inputs, 'spdx-files', SPDX_FILES_VALUES, DEFAULT_SPDX_FILES)
  const merge = booleanInput(inputs, 'merge', false)
  if (
    inputValidation === undefined ||
    strictNormalization === undefined ||
    allowComponentLoss === undefined ||
    spdxFiles === undefined ||
    merge === undefined
  )
    return undefined
  return { inputValidation, strictNormalization, allowComponentLoss, spdxFiles, merge }
}

type AssociationSettings = Pick<
  ConfigBase,
  | 'commitSha'
  | 'clientTokenOverride'
  | 'clientToken'
  | 'createPackageVersion'
  | 'replaceExistingSbom'
  | 'publishPackageVersion'
  | 'waitForValidation'
  | 'validationTimeoutSeconds'
  | 'failOnValidationFailure'
>

const FULL_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/
const CLIENT_TOKEN = /^\S{36,64}$/

/** The commit and its idempotency token, and what to do with the package version and its verdict. */
function readAssociation(inputs: Inputs, context: RunContext): AssociationSettings | undefined {
  const commitSha = context.sha
  if (!FULL_SHA.test(commitSha))
    inputs.fail(
      `the commit SHA from ${context.shaSource} is ${quoted(commitSha || 'empty')}, not a full hexadecimal commit id. Run inside GitHub Actions, or set GITHUB_SHA.`,
    )
  const clientTokenOverride = inputs.get('client-token') || undefined
  const clientToken = clientTokenOverride ?? commitSha
  if (!CLIENT_TOKEN.test(clientToken))
    inputs.fail(
      `client-token ${quoted(clientToken)} must be 36–64 characters without spaces (AWS IoT's idempotency token).` +
        (/^[0-9a-f]{7,35}$/.test(clientToken)
          ? ' It looks like a short commit SHA: pass the full 40-character SHA (github.sha).'
          : ''),
    )
  const createPackageVersion = booleanInput(inputs, 'create-package-version', false)
  const replaceExistingSbom = booleanInput(inputs, 'replace-existing-sbom', false)
  const publishPackageVersion = booleanInput(inputs, 'publish-package-version', false)
  const waitForValidation = booleanInput(inputs, 'wait-for-validation', true)
  const failOnValidationFailure = booleanInput(inputs, 'fail-on-validation-failure', true)
  // A refused wait-for-validation (undefined) counts as not waiting, so both problems are listed.
  if (publishPackageVersion && !waitForValidation)
    inputs.fail(
      'publish-package-version: true needs wait-for-validation: true: the version is only published after AWS says SUCCEEDED.',
    )
  const validationTimeoutSeconds = timeoutInput(inputs, 'validation-timeout-seconds', 600)
  if (
    createPackageVersion === undefined ||
    replaceExistingSbom === undefined ||
    publishPackageVersion === undefined ||
    waitForValidation === undefined ||
    failOnValidationFailure === undefined ||
    validationTimeoutSeconds === undefined
  )
    return undefined
  return {
    commitSha,
    clientTokenOverride,
    clientToken,
    createPackageVersion,
    replaceExistingSbom,
    publishPackageVersion,
    waitForValidation,
    validationTimeoutSeconds,
    failOnValidationFailure,
  }
}

/** The part of Config that depends on the mode. */
type Destination =
  | Pick<PublishConfig, 'mode' | 's3' | 'region'>
  | Pick<ValidateConfig, 'mode' | 'wouldUploadTo' | 'region'>

interface AwsSettings {
  readonly awsRequestTimeoutSeconds: number
  readonly destination: Destination
  /** generator: inspector's settings, with the region Inspector is called in. */
  readonly inspector: InspectorSettings | undefined
}

/** The AWS side of the run: where the artifact goes (or would go), the region, the request timeout. */
function readAws(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  run: {
    readonly mode: Mode | undefined
    readonly generator: Generator | undefined
    readonly inspector: InspectorExport | undefined
    readonly key: KeyParts
  },
): AwsSettings | undefined {
  const awsRequestTimeoutSeconds = wholeSecondsInput(inputs, 'aws-request-timeout-seconds', {
    fallback: 60,
    min: 1,
    max: 900,
  })
  const destination = readDestination(inputs, env, run)
  if (awsRequestTimeoutSeconds === undefined || destination === undefined) return undefined
  if (run.inspector === undefined)
    return { awsRequestTimeoutSeconds, destination, inspector: undefined }
  // Required with generator: inspector, so readRegion refused its absence.
  if (destination.region === undefined) return undefined
  const inspector = Object.freeze({ ...run.inspector, region: destination.region })
  return { awsRequestTimeoutSeconds, destination, inspector }
}

function readDestination(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  run: {
    readonly mode: Mode | undefined
    readonly generator: Generator | undefined
    readonly key: KeyParts
  },
): Destination | undefined {
  // Checked in validate mode too: the summary says where the artifact would go.
  const keyPrefix = keyPrefixInput(inputs, 's3-key-prefix', DEFAULT_KEY_PREFIX)
  if (run.mode === 'validate') {
    const neededFor = run.generator === 'inspector' ? 'for generator: inspector' : undefined
    const region = readRegion(inputs, env, neededFor)
    const bucket = inputs.get('s3-bucket') || undefined
    if (keyPrefix === undefined) return undefined
    const wouldUploadTo = Object.freeze({ bucket, key: objectKeyOf(keyPrefix, run.key) })
    return { mode: run.mode, wouldUploadTo, region }
  }
  // An unknown mode still gets its S3 inputs checked, so the user sees every problem at once.
  const s3 = readS3Target(inputs, keyPrefix, run.key)
  const region = readRegion(inputs, env, 'to publish')
  if (run.mode === undefined || s3 === undefined || region === undefined) return undefined
  return { mode: run.mode, s3, region }
}

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/

/**
 * aws-region, else AWS_REGION / AWS_DEFAULT_REGION. `neededFor` ("to publish"): why it must be
 * set; without it, a missing region is undefined and no problem.
 */
function readRegion(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  neededFor: string | undefined,
): string | undefined {
  const region = inputs.get('aws-region') || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined
  if (region === undefined)
    return neededFor === undefined
      ? undefined
      : inputs.fail(
          `aws-region is required ${neededFor}: set it, or set AWS_REGION (aws-actions/configure-aws-credentials does).`,
        )
  if (!AWS_REGION.test(region))
    return inputs.fail(
      `aws-region ${quoted(region)} does not look like an AWS region (e.g. eu-west-1).`,
    )
  return region
}
