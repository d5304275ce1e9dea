// The AWS half of the pipeline: versioned S3 upload, IoT association, the verdict, the diff
// against the previous SBOM. pipeline.ts loads this module only in publish mode, so a validate
// run (pull requests, forks) never loads the AWS SDK.
import type { S3Client } from '@aws-sdk/client-s3'
import { ACTION_NAME } from './action-info.js'
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
  type PackageVersionRef,
  type S3ObjectVersion,
} from './aws/iot-sbom.js'
import { findPreviousArtifact } from './aws/previous-sbom.js'
import { putJsonObject, requireVersionedBucket, storeArtifact } from './aws/s3-store.js'
import type { Config, S3Target } from './config/config.js'
import type { RunContext } from './context/run-context.js'
import type {
  LocalArtifact,
  PipelineDeps,
  PipelineResult,
  PreviousSbom,
  ValidationVerdict,
} from './pipeline-types.js'
import { diffComponents, readArtifactDocuments } from './sbom/diff.js'
import { AwsError } from './shared/errors.js'
import type { Logger } from './shared/logger.js'

const CONTENT_TYPES = { zip: 'application/zip', json: 'application/vnd.cyclonedx+json' } as const

/** Versioned S3 upload (or reuse), association with the commit SHA token, and the verdict. */
export async function publishToAws(
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
