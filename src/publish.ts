// The AWS half of the pipeline: versioned S3 upload, IoT association, the verdict, the diff
// against the previous SBOM. pipeline.ts loads this module only in publish mode, so a validate
// run (pull requests, forks) never loads the AWS SDK.
import type { IoTClient } from '@aws-sdk/client-iot'
import type { S3Client } from '@aws-sdk/client-s3'
import { ACTION_NAME } from './action-info.js'
import { attachFirstSbom, refuseReplacing, replaceSbom } from './aws/association.js'
import type { TokenFacts } from './aws/client-token.js'
import { createAwsClients } from './aws/clients.js'
import {
  describeObjectVersion,
  ensurePackageVersion,
  failuresOf,
  listValidationResults,
  publishPackageVersion,
  waitForValidation,
  type CurrentSbom,
  type FileResult,
  type PackageVersionFacts,
  type PackageVersionRef,
  type S3ObjectVersion,
} from './aws/iot-sbom.js'
import {
  findPreviousObject,
  PreviousObjectTooLargeError,
  readPreviousObject,
} from './aws/previous-sbom.js'
import {
  describeObject,
  putJsonObject,
  requireVersionedBucket,
  storeArtifact,
  type StoredArtifact,
} from './aws/s3-store.js'
import type { Config, S3Target } from './config/config.js'
import type { RunContext } from './context/run-context.js'
import type {
  LocalArtifact,
  PipelineDeps,
  PipelineResult,
  PreviousSbom,
  ValidationVerdict,
} from './pipeline/types.js'
import {
  ArtifactOverLimitError,
  diffComponents,
  PREVIOUS_ARTIFACT_LIMITS,
  readArtifactDocuments,
} from './sbom/diff.js'
import { AwsError, errorMessage } from './shared/errors.js'
import type { Logger } from './shared/logger.js'

const CONTENT_TYPES = { zip: 'application/zip', json: 'application/vnd.cyclonedx+json' } as const

/** What this run does with the package version, decided before anything is uploaded. */
type Plan =
  /** The version already holds exactly this artifact: nothing to upload or associate. */
  | { readonly kind: 'keep'; readonly current: CurrentSbom }
  /** The version has no SBOM: upload (or reuse) and associate. */
  | { readonly kind: 'attach' }
  /** replace-existing-sbom: true and the version holds another SBOM. */
  | { readonly kind: 'replace'; readonly previous: CurrentSbom }

/**
 * Read the version, decide, then upload (or reuse) the artifact, associate it, wait for AWS's
 * verdict, publish, upload the OCSF event and diff with the previous SBOM — in that order, so a
 * run that will be refused uploads nothing and a side file never stands in the SBOM's way.
 */
export async function publishToAws(
  config: Config,
  target: S3Target & { readonly region: string },
  context: RunContext,
  { log, outputs, clock, env }: PipelineDeps,
  { artifact, artifactSha256 }: LocalArtifact,
  ocsf: { readonly json: string } | undefined,
): Promise<
  Pick<PipelineResult, 'stored' | 'validation' | 'published' | 'previous' | 'sideFailures'>
> {
  const { s3, iot } = createAwsClients({
    region: target.region,
    env,
    idleTimeoutSeconds: config.awsRequestTimeoutSeconds,
  })
  const ref = { packageName: config.packageName, versionName: config.versionName }
  const tokens: TokenFacts = {
    override: config.clientTokenOverride,
    commitSha: config.commitSha,
    ref,
    runId: context.runId,
    runAttempt: context.runAttempt,
  }
  const runUrl = `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}`
  const version = await ensurePackageVersion(
    iot,
    ref,
    {
      allowed: config.createPackageVersion,
      description: `Created by ${ACTION_NAME} for ${context.repository}@${config.commitSha}`,
      attributes: { commit: config.commitSha, repository: context.repository, run: runUrl },
    },
    log,
  )
  if (version.errorReason)
    log.warning(
      `AWS IoT reports an error on ${ref.packageName}@${ref.versionName}: ${version.errorReason}`,
      'AWS IoT package version error',
    )
  const plan = await decide(s3, version, target, artifactSha256, config, log)

  const stored =
    plan.kind === 'keep'
      ? keptArtifact(plan.current.location)
      : await upload(s3, target, config, context, artifact, artifactSha256, log)
  outputs.set('s3-uri', stored.uri)
  outputs.set('s3-key', stored.key)
  outputs.set('s3-version-id', stored.versionId)
  outputs.set('reused', String(stored.reused))

  const location = { bucket: stored.bucket, key: stored.key, version: stored.versionId }
  let status: ValidationVerdict
  if (plan.kind === 'keep') {
    status = plan.current.status
    log.info(
      `${ref.packageName}@${ref.versionName} already has ${describeObjectVersion(location)} associated, with the same SHA-256 as this run's artifact; nothing uploaded, not associating again (validation ${status}).`,
    )
  } else if (plan.kind === 'attach')
    status = await attachFirstSbom(iot, ref, location, tokens, version.status, log)
  else status = await replaceSbom(iot, ref, plan.previous, location, tokens, version.status, log)

  let timedOut = false
  let errorReason: string | undefined
  if (config.waitForValidation && status === 'IN_PROGRESS') {
    const outcome = await waitForValidation(
      iot,
      ref,
      { timeoutSeconds: config.validationTimeoutSeconds, clock },
      log,
    )
    status = outcome.status
    timedOut = outcome.timedOut
    errorReason = outcome.errorReason
    log.info(`AWS validation: ${status} after ${outcome.polls} poll(s).`)
    if (errorReason && errorReason !== version.errorReason)
      log.warning(
        `AWS IoT reports an error on ${ref.packageName}@${ref.versionName}: ${errorReason}`,
        'AWS IoT package version error',
      )
  }
  outputs.set('validation-status', status)
  const files =
    status === 'FAILED' || status === 'SUCCEEDED' ? await fileResults(iot, ref, status, log) : []

  let published = false
  if (config.publishPackageVersion && status === 'SUCCEEDED') {
    if (version.status === 'DRAFT') {
      await publishPackageVersion(iot, ref)
      published = true
      log.info(`Published ${ref.packageName}@${ref.versionName}.`)
    } else
      log.info(
        `${ref.packageName}@${ref.versionName} is already ${version.status}: no PUBLISH call (publish-package-version only moves a DRAFT version).`,
      )
  }
  const sideFailures: string[] = []
  if (ocsf && config.ocsfKeyPrefix) {
    const key = `${config.ocsfKeyPrefix}${config.packageName}/${config.versionName}/${config.commitSha}.ocsf.json`
    try {
      await putJsonObject(s3, target.bucket, key, ocsf.json)
      log.info(`OCSF event uploaded to s3://${target.bucket}/${key}.`)
    } catch (error) {
      sideFailures.push(
        `The SBOM is associated, but the OCSF event could not be uploaded: ${errorMessage(error)}${error instanceof AwsError && error.hint ? ` ${error.hint}` : ''} Re-running the job is safe: it reuses the association and uploads the event again.`,
      )
    }
  }
  const previous = await compareWithPrevious(s3, target, artifact, log)
  return {
    stored,
    validation: { status, timedOut, failures: failuresOf(files), files, errorReason },
    published,
    previous,
    sideFailures,
  }
}

/**
 * Refuses now what would be refused later. The new artifact is compared with the object the
 * version has *associated* (not only with the key's latest version): a regenerated SBOM of the
 * same commit is a different SBOM.
 */
async function decide(
  s3: S3Client,
  version: PackageVersionFacts,
  target: S3Target,
  artifactSha256: string,
  config: Config,
  log: Logger,
): Promise<Plan> {
  const ref = { packageName: config.packageName, versionName: config.versionName }
  const current = version.sbom
  const identical =
    current !== undefined &&
    (await holdsArtifact(s3, current.location, target, artifactSha256, log))
  if (version.status === 'DEPRECATED') {
    if (current !== undefined && identical) {
      log.warning(
        `${ref.packageName}@${ref.versionName} is DEPRECATED; it already holds this SBOM, so nothing is changed and it stays DEPRECATED.`,
        'Package version is DEPRECATED',
      )
      return { kind: 'keep', current }
    }
    throw new AwsError(
      `${ref.packageName}@${ref.versionName} is DEPRECATED: this run does not give it a new SBOM or publish it again. Nothing was uploaded or associated.`,
      {
        hint: `Publish under a new version-name. To revive this version on purpose, publish it first (aws iot update-package-version --package-name ${ref.packageName} --version-name ${ref.versionName} --action PUBLISH), then re-run.`,
      },
    )
  }
  if (current === undefined) return { kind: 'attach' }
  if (identical) return { kind: 'keep', current }
  if (!config.replaceExistingSbom)
    throw refuseReplacing(ref, current.location, current.location.key === target.key)
  return { kind: 'replace', previous: current }
}

/** Does the associated object version hold exactly this artifact? Compared by S3's SHA-256. */
async function holdsArtifact(
  s3: S3Client,
  location: S3ObjectVersion,
  target: S3Target,
  artifactSha256: string,
  log: Logger,
): Promise<boolean> {
  const ours = location.bucket === target.bucket && location.key === target.key
  let facts
  try {
    facts = await describeObject(s3, {
      bucket: location.bucket,
      key: location.key,
      versionId: location.version || undefined,
    })
  } catch (error) {
    // Our own key must be readable (AWS IoT reads it with these credentials too); an SBOM that
    // another tool attached elsewhere may not be, and is then simply not ours.
    if (ours) throw error
    log.info(
      `Could not read the associated ${describeObjectVersion(location)} (${errorMessage(error)}); taking it as a different SBOM.`,
    )
    return false
  }
  if (!facts.exists) {
    log.warning(
      `The package version points at ${describeObjectVersion(location)}, which no longer exists in S3.`,
      'Associated SBOM object is gone',
    )
    return false
  }
  return facts.sha256 === Buffer.from(artifactSha256, 'hex').toString('base64')
}

function keptArtifact(location: S3ObjectVersion): StoredArtifact {
  return {
    bucket: location.bucket,
    key: location.key,
    versionId: location.version,
    reused: true,
    uri: `s3://${location.bucket}/${location.key}`,
  }
}

async function upload(
  s3: S3Client,
  target: S3Target,
  config: Config,
  context: RunContext,
  artifact: Buffer,
  artifactSha256: string,
  log: Logger,
): Promise<StoredArtifact> {
  await requireVersionedBucket(s3, target.bucket, log)
  return storeArtifact(
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
}

/** Per-file results; the verdict stands without them, so a denied listing only warns. */
async function fileResults(
  iot: IoTClient,
  ref: PackageVersionRef,
  status: 'SUCCEEDED' | 'FAILED',
  log: Logger,
): Promise<FileResult[]> {
  try {
    return await listValidationResults(iot, ref)
  } catch (error) {
    log.warning(
      `AWS said ${status}, but its per-file results could not be listed: ${errorMessage(error)}${error instanceof AwsError && error.hint ? ` ${error.hint}` : ''}`,
      'SBOM validation results not listed',
    )
    return []
  }
}

/** The diff against this package's previous SBOM in the bucket; a failure only costs the diff. */
async function compareWithPrevious(
  s3: S3Client,
  target: S3Target,
  artifact: Buffer,
  log: Logger,
): Promise<PreviousSbom | undefined> {
  try {
    const previous = await findPreviousObject(s3, target.bucket, target.packagePrefix, target.key)
    if (previous === undefined) {
      log.info(
        `No earlier SBOM under s3://${target.bucket}/${target.packagePrefix} to compare with.`,
      )
      return undefined
    }
    const uri = `s3://${target.bucket}/${previous.key}`
    let before
    try {
      // Anyone who may write under the prefix chooses these bytes: read within limits.
      const bytes = await readPreviousObject(s3, target.bucket, previous)
      before =
        bytes === undefined ? undefined : readArtifactDocuments(bytes, PREVIOUS_ARTIFACT_LIMITS)
    } catch (error) {
      const overLimit =
        error instanceof ArtifactOverLimitError || error instanceof PreviousObjectTooLargeError
      if (!overLimit) throw error
      log.warning(
        `previous SBOM ${uri} is not read: ${error.message}. This run has no diff; the SBOM is published as usual.`,
        'No SBOM diff',
      )
      return undefined
    }
    const after = readArtifactDocuments(artifact)
    if (before === undefined || after === undefined) {
      log.info(`${uri} is not an SBOM artifact; no diff.`)
      return undefined
    }
    const diff = diffComponents(before, after)
    log.info(
      `Since ${uri}: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed version, ${diff.unchanged} unchanged.`,
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
