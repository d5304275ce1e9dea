// Step 4, store: reads the package version, decides what this run does with it, then uploads the
// artifact to the versioned bucket (or reuses the object the version already holds) — in that
// order, so a run AWS would refuse uploads nothing.
import type { IoTClient } from '@aws-sdk/client-iot'
import type { S3Client } from '@aws-sdk/client-s3'
import { ACTION_NAME } from '../action-info.js'
import { refuseReplacing } from '../aws/association.js'
import {
  describeObjectVersion,
  ensurePackageVersion,
  type CurrentSbom,
  type PackageVersionFacts,
  type S3ObjectVersion,
} from '../aws/iot-sbom.js'
import {
  describeObject,
  requireVersionedBucket,
  storeArtifact,
  type StoredArtifact,
} from '../aws/s3-store.js'
import type { PublishConfig } from '../config/config.js'
import type { RunContext } from '../context/run-context.js'
import { ARCHIVE_FORMATS } from '../sbom/archive-formats.js'
import { AwsError, errorMessage } from '../shared/errors.js'
import type { Logger } from '../shared/logger.js'
import type { LocalArtifact, PipelineDeps } from './types.js'

/** What this run does with the package version, decided before anything is uploaded. */
export type Plan =
  /** The version already holds exactly this artifact: nothing to upload or associate. */
  | { readonly kind: 'keep'; readonly current: CurrentSbom }
  /** The version has no SBOM: upload (or reuse) and associate. */
  | { readonly kind: 'attach' }
  /** replace-existing-sbom: true and the version holds another SBOM. */
  | { readonly kind: 'replace'; readonly previous: CurrentSbom }

/** The package version as read before the upload, what this run does with it, and the object. */
export interface StoreOutcome {
  readonly version: PackageVersionFacts
  readonly plan: Plan
  readonly stored: StoredArtifact
}

export async function storeStep(
  aws: { readonly s3: S3Client; readonly iot: IoTClient },
  config: PublishConfig,
  context: RunContext,
  { log, outputs }: Pick<PipelineDeps, 'log' | 'outputs'>,
  { artifact, artifactSha256 }: Pick<LocalArtifact, 'artifact' | 'artifactSha256'>,
): Promise<StoreOutcome> {
  const ref = { packageName: config.packageName, versionName: config.versionName }
  const runUrl = `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}`
  const version = await ensurePackageVersion(
    aws.iot,
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
  const plan = await decide(aws.s3, version, config, artifactSha256, log)
  const stored =
    plan.kind === 'keep'
      ? keptArtifact(plan.current.location)
      : await upload(aws.s3, config, context, artifact, artifactSha256, log)
  outputs.set('s3-uri', stored.uri)
  outputs.set('s3-key', stored.key)
  outputs.set('s3-version-id', stored.versionId)
  outputs.set('reused', String(stored.reused))
  return { version, plan, stored }
}

/**
 * Refuses now what would be refused later. The new artifact is compared with the object the
 * version has *associated* (not only with the key's latest version): a regenerated SBOM of the
 * same commit is a different SBOM.
 */
async function decide(
  s3: S3Client,
  version: PackageVersionFacts,
  config: PublishConfig,
  artifactSha256: string,
  log: Logger,
): Promise<Plan> {
  const target = config.s3
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
  target: PublishConfig['s3'],
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
  config: PublishConfig,
  context: RunContext,
  artifact: Buffer,
  artifactSha256: string,
  log: Logger,
): Promise<StoredArtifact> {
  const target = config.s3
  await requireVersionedBucket(s3, target.bucket, log)
  return storeArtifact(
    s3,
    {
      bucket: target.bucket,
      key: target.key,
      body: artifact,
      sha256Hex: artifactSha256,
      contentType: ARCHIVE_FORMATS[config.archive].contentType,
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
