import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { hostname, release, tmpdir, type as osType } from 'node:os'
import { ACTION_NAME, ACTION_VENDOR, ACTION_VERSION } from './action-info.js'
import type { ResourceFilterCriteria } from '@aws-sdk/client-inspector2'
import type { S3Client } from '@aws-sdk/client-s3'
import { createAwsClients } from './aws/clients.js'
import {
  associateSbom,
  describeObjectVersion,
  disassociateSbom,
  ensurePackageVersion,
  failuresOf,
  listValidationResults,
  publishPackageVersion,
  sameObjectVersion,
  waitForValidation,
  type FileResult,
  type PackageVersionRef,
  type S3ObjectVersion,
  type ValidationFailure,
} from './aws/iot-sbom.js'
import { exportInspectorSboms } from './aws/inspector-export.js'
import { findPreviousArtifact } from './aws/previous-sbom.js'
import {
  putJsonObject,
  requireVersionedBucket,
  storeArtifact,
  type StoredArtifact,
} from './aws/s3-store.js'
import type { Config, S3Target } from './config/config.js'
import type { RunContext } from './context/run-context.js'
import { buildSoftwareInventoryEvent, OCSF_VERSION } from './report/ocsf.js'
import type { OutputSink } from './report/outputs.js'
import { buildArtifact } from './sbom/archive.js'
import { diffComponents, readArtifactDocuments, type ComponentDiff } from './sbom/diff.js'
import { mergeSboms, normalizeSbom, type NormalizedSbom } from './sbom/normalize.js'
import { collectSboms, type SbomSource } from './sources/collect-sboms.js'
import { AwsError, SbomError } from './shared/errors.js'
import { inGroup, type Logger } from './shared/logger.js'
import type { Clock } from './shared/poll.js'

export type ValidationVerdict = 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS' | 'SKIPPED'

export interface PipelineResult {
  readonly sboms: readonly NormalizedSbom[]
  readonly artifactPath: string
  readonly artifactSha256: string
  readonly artifactBytes: number
  readonly componentCount: number
  /** Absent in validate mode. */
  readonly stored: StoredArtifact | undefined
  readonly validation: {
    readonly status: ValidationVerdict
    /** The deadline passed while AWS still said IN_PROGRESS. */
    readonly timedOut: boolean
    readonly failures: readonly ValidationFailure[]
    /** AWS's verdict per file (both kinds), once the validation is final. */
    readonly files: readonly FileResult[]
  }
  readonly published: boolean
  /** What changed since the SBOM this package published before (publish mode, when one exists). */
  readonly previous: PreviousSbom | undefined
}

export interface PreviousSbom {
  readonly key: string
  /** The version name in the key (`<prefix><package>/<version>/<sha>.<ext>`). */
  readonly versionName: string
  readonly lastModified: Date
  readonly diff: ComponentDiff
}

export interface PipelineDeps {
  readonly log: Logger
  readonly outputs: OutputSink
  readonly clock: Clock
  readonly env: NodeJS.ProcessEnv
}

const CONTENT_TYPES = { zip: 'application/zip', json: 'application/vnd.cyclonedx+json' } as const

/** Inputs → normalized artifact → (publish mode) S3 → IoT association → verdict. */
export async function runPipeline(
  config: Config,
  context: RunContext,
  deps: PipelineDeps,
): Promise<PipelineResult> {
  const local = await inGroup(deps.log, 'Build the SBOM artifact', () =>
    buildArtifactLocally(config, context, deps),
  )
  const ocsf = config.ocsfOutput ? await writeOcsfEvent(config, context, deps, local) : undefined
  // The bytes stay out of the result: the summary needs facts about them, not a second copy.
  const { artifact: _bytes, ...described } = local
  if (config.mode === 'validate' || config.s3 === undefined || config.region === undefined) {
    deps.log.info('mode: validate: the SBOM is valid; nothing is sent to AWS.')
    deps.outputs.set('validation-status', 'SKIPPED')
    return {
      ...described,
      stored: undefined,
      validation: { status: 'SKIPPED', timedOut: false, failures: [], files: [] },
      published: false,
      previous: undefined,
    }
  }
  const target = { ...config.s3, region: config.region }
  return {
    ...described,
    ...(await inGroup(deps.log, 'Publish to S3 and AWS IoT', () =>
      publishToAws(config, target, context, deps, local, ocsf),
    )),
  }
}

type LocalArtifact = Pick<
  PipelineResult,
  'sboms' | 'artifactPath' | 'artifactSha256' | 'artifactBytes' | 'componentCount'
> & { readonly artifact: Buffer }

/** The SBOM documents: Inspector's export, or files / the other generators. */
async function gatherSources(
  config: Config,
  context: RunContext,
  { log, env, clock }: PipelineDeps,
): Promise<SbomSource[]> {
  if (config.generator === 'inspector') {
    const settings = config.inspector
    if (settings === undefined || config.region === undefined)
      throw new Error('generator inspector without its settings: readConfig should have refused')
    const { inspector, s3 } = createAwsClients({ region: config.region, env })
    // A prefix of this run's own, so only this export's files are read back.
    const attempt = env.GITHUB_RUN_ATTEMPT || '1'
    const run = context.runId ? `${context.runId}-${attempt}` : `local-${clock.now()}`
    const exported = await exportInspectorSboms(
      { inspector, s3 },
      {
        ...settings,
        filter: settings.filter as ResourceFilterCriteria,
        keyPrefix: `${settings.keyPrefix}${config.packageName}/${config.commitSha}/${run}/`,
        maxBytes: config.maxSbomBytes,
        clock,
      },
      log,
    )
    return exported.map((file) => ({
      displayPath: file.key,
      content: file.content,
      generatedBy: undefined,
    }))
  }
  return collectSboms(
    {
      generator: config.generator,
      sbomPatterns: config.sbomPatterns,
      command: config.generatorCommand,
      workingDirectory: config.workingDirectory,
      includeDev: config.includeDev,
      maxBytes: config.maxSbomBytes,
      workspace: context.workspace,
      github: {
        repository: context.repository,
        token: config.githubToken,
        apiUrl: context.apiUrl,
        ref: context.ref,
        defaultBranch: context.defaultBranch,
      },
    },
    env,
    log,
  )
}

/** Source, normalize, validate, package, write to disk (only generators may use the network). */
async function buildArtifactLocally(
  config: Config,
  context: RunContext,
  deps: PipelineDeps,
): Promise<LocalArtifact> {
  const { log, outputs, env } = deps
  const sources = await gatherSources(config, context, deps)
  log.info(`SBOM input: ${sources.map((source) => source.displayPath).join(', ')}`)
  const enrichment = {
    packageName: config.packageName,
    versionName: config.versionName,
    commitSha: config.commitSha,
    repository: context.repository,
    commitTime: context.commitTime,
    tool: { name: ACTION_NAME, version: ACTION_VERSION, vendor: ACTION_VENDOR },
  }
  const sboms: NormalizedSbom[] = []
  for (const source of sources) {
    const normalized = await normalizeSbom({
      ...enrichment,
      file: source.displayPath,
      content: source.content,
      targetSpecVersion: config.specVersion,
      inputValidation: source.generatedBy ? 'skip' : config.inputValidation,
    })
    logNormalization(normalized, log)
    sboms.push(normalized)
  }
  if (config.strictNormalization) refuseLossyNormalization(sboms)

  const merged =
    config.merge && sboms.length > 1
      ? await mergeSboms(sboms, { ...enrichment, targetSpecVersion: config.specVersion })
      : undefined
  for (const note of merged?.notes ?? []) log.info(note)
  const entries = merged
    ? [{ name: merged.entryName, content: merged.json }]
    : uniqueEntryNames(sboms)
  const artifact = await buildArtifact(entries, config.archive)
  const artifactSha256 = createHash('sha256').update(artifact).digest('hex')
  const artifactPath = await writeArtifact(artifact, config, env)
  const reportPath = await writeNormalizationReport(artifactPath, sboms)
  const componentCount =
    merged?.componentCount ?? sboms.reduce((sum, sbom) => sum + sbom.componentCount, 0)
  outputs.set('sbom-file', artifactPath)
  outputs.set('sbom-sha256', artifactSha256)
  outputs.set('component-count', String(componentCount))
  log.info(
    `Artifact ${artifactPath}: ${artifact.length} bytes, SHA-256 ${artifactSha256}, ${componentCount} components. Normalization report: ${reportPath}`,
  )

  return {
    sboms,
    artifact,
    artifactPath,
    artifactSha256,
    artifactBytes: artifact.length,
    componentCount,
  }
}

/** Versioned S3 upload (or reuse), association with the commit SHA token, and the verdict. */
async function publishToAws(
  config: Config,
  target: S3Target & { readonly region: string },
  context: RunContext,
  { log, outputs, clock, env }: PipelineDeps,
  { artifact, artifactSha256 }: LocalArtifact,
  ocsf: { readonly json: string } | undefined,
): Promise<Pick<PipelineResult, 'stored' | 'validation' | 'published' | 'previous'>> {
  const { s3, iot } = createAwsClients({ region: target.region, env })
  const ref = { packageName: config.packageName, versionName: config.versionName }
  const runUrl = `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}`
  // Check the IoT side before writing to S3: a missing version should not leave an orphan object.
  const current = await ensurePackageVersion(
    iot,
    ref,
    {
      allowed: config.createPackageVersion,
      description: `Created by ${ACTION_NAME} for ${context.repository}@${config.commitSha}`,
      attributes: { commit: config.commitSha, repository: context.repository, run: runUrl },
    },
    log,
  )
  // Another SBOM at another key (another commit, or another tool) is attached: refuse before
  // uploading anything, unless asked to replace it.
  if (current && current.location.key !== target.key && !config.replaceExistingSbom)
    throw refuseReplacing(ref, current.location)
  await requireVersionedBucket(s3, target.bucket)
  const stored = await storeArtifact(
    s3,
    {
      bucket: target.bucket,
      key: target.key,
      body: artifact,
      sha256Hex: artifactSha256,
      contentType: CONTENT_TYPES[config.archive],
      metadata: {
        'commit-sha': config.commitSha,
        repository: context.repository,
        'package-name': config.packageName,
        'version-name': config.versionName,
      },
      sse: target.sse,
      kmsKeyId: target.kmsKeyId,
    },
    log,
  )
  outputs.set('s3-uri', stored.uri)
  outputs.set('s3-key', stored.key)
  outputs.set('s3-version-id', stored.versionId)
  outputs.set('reused', String(stored.reused))
  if (ocsf && config.ocsfKeyPrefix) {
    const key = `${config.ocsfKeyPrefix}${config.packageName}/${config.versionName}/${config.commitSha}.ocsf.json`
    await putJsonObject(s3, target.bucket, key, ocsf.json)
    log.info(`OCSF event uploaded to s3://${target.bucket}/${key}.`)
  }

  const location = { bucket: stored.bucket, key: stored.key, version: stored.versionId }
  let status: ValidationVerdict
  if (current && sameObjectVersion(current.location, location)) {
    // A re-run (or a concurrent run) already attached exactly this object version.
    status = current.status
    log.info(
      `${ref.packageName}@${ref.versionName} already has ${describeObjectVersion(location)} associated; not associating again (validation ${status}).`,
    )
  } else {
    if (current) {
      if (!config.replaceExistingSbom) throw refuseReplacing(ref, current.location)
      await disassociateSbom(iot, ref)
      log.info(
        `replace-existing-sbom: detached ${describeObjectVersion(current.location)} from ${ref.packageName}@${ref.versionName}.`,
      )
    }
    status = await associateSbom(iot, ref, location, config.clientToken)
    log.info(
      `Associated ${stored.uri} (version ${stored.versionId}) with ${ref.packageName}@${ref.versionName}, client token ${config.clientToken}; validation ${status}.`,
    )
  }
  let timedOut = false
  if (config.waitForValidation && status === 'IN_PROGRESS') {
    const outcome = await waitForValidation(
      iot,
      ref,
      { timeoutSeconds: config.validationTimeoutSeconds, clock },
      log,
    )
    status = outcome.status
    timedOut = outcome.timedOut
    log.info(`AWS validation: ${status} after ${outcome.polls} poll(s).`)
  }
  outputs.set('validation-status', status)
  const files =
    status === 'FAILED' || status === 'SUCCEEDED' ? await listValidationResults(iot, ref) : []
  const failures = failuresOf(files)

  let published = false
  if (config.publishPackageVersion && status === 'SUCCEEDED') {
    await publishPackageVersion(iot, ref)
    published = true
    log.info(`Published ${ref.packageName}@${ref.versionName}.`)
  }
  const previous = await compareWithPrevious(s3, target, artifact, log)
  return { stored, validation: { status, timedOut, failures, files }, published, previous }
}

/** ocsf-output: the OCSF Software Inventory Info event describing the artifact, written to disk. */
async function writeOcsfEvent(
  config: Config,
  context: RunContext,
  { log, outputs, clock }: PipelineDeps,
  local: LocalArtifact,
): Promise<{ path: string; json: string }> {
  const event = buildSoftwareInventoryEvent({
    documents: readArtifactDocuments(local.artifact) ?? [],
    packageName: config.packageName,
    versionName: config.versionName,
    action: { name: ACTION_NAME, vendor: ACTION_VENDOR, version: ACTION_VERSION },
    time: clock.now(),
    runner: { hostname: hostname(), osType: osType(), osRelease: release() },
  })
  const json = `${JSON.stringify(event, null, 2)}\n`
  const path = resolve(context.workspace, config.ocsfOutput ?? '')
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, json)
  outputs.set('ocsf-file', path)
  log.info(
    `OCSF Software Inventory Info event (class 5020, OCSF ${OCSF_VERSION}) with ${(event.sbom.software_components as unknown[]).length} components written to ${path}.`,
  )
  return { path, json }
}

/** The diff against this package's previous SBOM in the bucket; a failure only costs the diff. */
async function compareWithPrevious(
  s3: S3Client,
  target: S3Target,
  artifact: Buffer,
  log: Logger,
): Promise<PreviousSbom | undefined> {
  try {
    const previous = await findPreviousArtifact(s3, target.bucket, target.packagePrefix, target.key)
    if (previous === undefined) {
      log.info(
        `No earlier SBOM under s3://${target.bucket}/${target.packagePrefix} to compare with.`,
      )
      return undefined
    }
    const before = readArtifactDocuments(previous.bytes)
    const after = readArtifactDocuments(artifact)
    if (before === undefined || after === undefined) {
      log.info(`s3://${target.bucket}/${previous.key} is not an SBOM artifact; no diff.`)
      return undefined
    }
    const diff = diffComponents(before, after)
    log.info(
      `Since s3://${target.bucket}/${previous.key}: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed version, ${diff.unchanged} unchanged.`,
    )
    const versionName = previous.key.slice(target.packagePrefix.length).split('/')[0] ?? ''
    return { key: previous.key, versionName, lastModified: previous.lastModified, diff }
  } catch (error) {
    log.warning(
      `Could not compare with the previous SBOM of this package (${(error as Error).message}). The diff needs s3:ListBucket on the package's prefix and s3:GetObject.`,
      'No SBOM diff',
    )
    return undefined
  }
}

function refuseReplacing(ref: PackageVersionRef, existing: S3ObjectVersion): AwsError {
  return new AwsError(
    `${ref.packageName}@${ref.versionName} already has a different SBOM associated: ${describeObjectVersion(existing)}. Nothing was associated.`,
    {
      hint: 'A package version holds one SBOM. If this run should replace it (e.g. a rebuilt release), set replace-existing-sbom: true; otherwise publish under a new version-name.',
    },
  )
}

/** strict-normalization: losing any input data stops the run before anything is uploaded. */
function refuseLossyNormalization(sboms: readonly NormalizedSbom[]): void {
  const losses = sboms.flatMap((sbom) =>
    sbom.report.dropped.map((entry) => `${sbom.report.file} ${entry.example}: ${entry.reason}`),
  )
  if (losses.length > 0)
    throw new SbomError(
      [
        ...new Set(
          sboms.filter((sbom) => sbom.report.dropped.length > 0).map((sbom) => sbom.report.file),
        ),
      ].join(', '),
      `strict-normalization is on and normalization could not carry ${losses.length} kind(s) of data:\n${losses.map((loss) => `  - ${loss}`).join('\n')}`,
      {
        hint: 'Pick a cyclonedx-spec-version that can express them, remove them from the input, or set strict-normalization: false to publish with the losses reported.',
      },
    )
}

function logNormalization(sbom: NormalizedSbom, log: Logger): void {
  const { report } = sbom
  for (const problem of report.inputProblems)
    log.warning(
      `${report.file}: ${problem.path || '/'}: ${problem.message}`,
      `Input is not valid ${report.sourceFormat} ${report.sourceSpecVersion}`,
    )
  log.info(
    `${report.file}: ${report.sourceFormat} ${report.sourceSpecVersion} → CycloneDX ${report.targetSpecVersion} JSON, ${sbom.componentCount} components.`,
  )
  for (const dropped of report.dropped)
    log.warning(
      `${report.file}: ${dropped.path} not carried over: ${dropped.reason}`,
      'SBOM data not carried over',
    )
  for (const note of report.notes) log.info(`${report.file}: ${note}`)
}

/** Zip entry names must be unique even when two inputs share a base name. */
function uniqueEntryNames(sboms: readonly NormalizedSbom[]): { name: string; content: string }[] {
  const used = new Set<string>()
  return sboms.map((sbom) => {
    let name = sbom.entryName
    for (let n = 2; used.has(name); n += 1)
      name = sbom.entryName.replace(/(\.cdx\.json)?$/, `-${n}$1`)
    used.add(name)
    return { name, content: sbom.json }
  })
}

/** The normalization reports as JSON beside the artifact, for later steps and audits. */
async function writeNormalizationReport(
  artifactPath: string,
  sboms: readonly NormalizedSbom[],
): Promise<string> {
  const path = artifactPath.replace(/\.(zip|cdx\.json)$/, '.normalization.json')
  await writeFile(
    path,
    `${JSON.stringify(
      sboms.map((sbom) => sbom.report),
      null,
      2,
    )}\n`,
  )
  return path
}

async function writeArtifact(
  artifact: Buffer,
  config: Config,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const directory = join(env.RUNNER_TEMP || tmpdir(), ACTION_NAME)
  await mkdir(directory, { recursive: true })
  const extension = config.archive === 'zip' ? 'zip' : 'cdx.json'
  const path = join(
    directory,
    `${config.packageName}-${config.versionName}-${config.commitSha}.${extension}`,
  )
  await writeFile(path, artifact)
  return path
}
