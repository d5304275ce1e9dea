import { createHash } from 'node:crypto'
import {
  GetBucketVersioningCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3'
import { AwsError } from '../shared/errors.js'
import type { Logger } from '../shared/logger.js'
import { awsCall } from './explain-error.js'

export interface ArtifactUpload {
  readonly bucket: string
  readonly key: string
  readonly body: Buffer
  readonly sha256Hex: string
  readonly contentType: string
  /** x-amz-meta-* entries: commit, repository, package, version. */
  readonly metadata: Readonly<Record<string, string>>
  readonly sse: 'AES256' | 'aws:kms' | undefined
  readonly kmsKeyId: string | undefined
}

export interface StoredArtifact {
  readonly bucket: string
  readonly key: string
  readonly versionId: string
  /** An identical object version (same SHA-256) was already the latest at this key. */
  readonly reused: boolean
  readonly uri: string
}

/**
 * AWS IoT stores the S3 object *version* with the package version, so the bucket must keep
 * versions. Suspended versioning hands out the version id "null" and overwrites it in place.
 * Only the bucket's owner may read its versioning state: for a bucket of another account the
 * check is skipped with a warning, and PutObject's VersionId is the proof instead.
 */
export async function requireVersionedBucket(
  s3: S3Client,
  bucket: string,
  log: Logger,
): Promise<void> {
  let answer
  try {
    answer = await awsCall(
      { service: 'S3', operation: 'GetBucketVersioning', target: `bucket ${bucket}` },
      () => s3.send(new GetBucketVersioningCommand({ Bucket: bucket })),
      {
        NoSuchBucket: `Bucket ${bucket} does not exist in this account/region: create it with versioning enabled, or fix s3-bucket / aws-region.`,
      },
    )
  } catch (error) {
    if (!isAccessDenied(error)) throw error
    log.warning(
      `Could not read the versioning state of bucket ${bucket} (only the bucket owner may call GetBucketVersioning, and it needs s3:GetBucketVersioning). Going on: the version id S3 returns for the upload proves versioning.`,
      'Bucket versioning not checked',
    )
    return
  }
  if (answer.Status !== 'Enabled') {
    const state = answer.Status === 'Suspended' ? 'suspended' : 'never enabled'
    throw new AwsError(
      `S3 bucket ${bucket} does not keep object versions (versioning is ${state}); AWS IoT needs the exact object version of the SBOM.`,
      {
        hint: `Enable versioning: aws s3api put-bucket-versioning --bucket ${bucket} --versioning-configuration Status=Enabled`,
      },
    )
  }
}

/** What S3 holds at one object version (or at the key's latest version). */
export interface ObjectFacts {
  /** False when there is no such object or version. */
  readonly exists: boolean
  readonly versionId: string | undefined
  /** Base64 SHA-256 S3 keeps for the object; undefined when it was stored without one. */
  readonly sha256: string | undefined
}

/**
 * HeadObject with checksums: `versionId` given needs s3:GetObjectVersion, the latest needs
 * s3:GetObject. HEAD errors carry no body, so a denial arrives as a bare 403.
 */
export async function describeObject(
  s3: S3Client,
  location: { bucket: string; key: string; versionId?: string | undefined },
): Promise<ObjectFacts> {
  const { bucket, key, versionId } = location
  const permission = versionId ? 's3:GetObjectVersion' : 's3:GetObject'
  try {
    const head = await awsCall(
      {
        service: 'S3',
        operation: 'HeadObject',
        target: `s3://${bucket}/${key}${versionId ? `?versionId=${versionId}` : ''}`,
      },
      () =>
        s3.send(
          new HeadObjectCommand({
            Bucket: bucket,
            Key: key,
            VersionId: versionId,
            ChecksumMode: 'ENABLED',
          }),
        ),
      {
        AccessDenied: `The role may not read s3://${bucket}/${key}: allow ${permission} on arn:aws:s3:::${bucket}/${key} (AWS IoT reads the SBOM with the caller's credentials, so it needs s3:GetObjectVersion too).`,
      },
    )
    return { exists: true, versionId: head.VersionId ?? versionId, sha256: head.ChecksumSHA256 }
  } catch (error) {
    if (error instanceof AwsError && NOT_FOUND.includes(error.awsName ?? ''))
      return { exists: false, versionId: undefined, sha256: undefined }
    throw error
  }
}

// HEAD answers have no body: S3's NoSuchKey/NoSuchVersion arrive as the SDK's NotFound.
const NOT_FOUND = ['NotFound', 'NoSuchKey', 'NoSuchVersion']
// S3 asks to retry a conditional write that raced another write to the same key.
const MAX_CONDITIONAL_RETRIES = 3

/** explainAwsError already names a bodyless 403 (HEAD) AccessDenied. */
function isAccessDenied(error: unknown): boolean {
  return (
    error instanceof AwsError &&
    (error.awsName === 'AccessDenied' || error.awsName === 'AccessDeniedException')
  )
}

/**
 * Uploads the artifact, or reuses the latest version at the key when its SHA-256 is the same
 * (a re-run of the same commit must not pile up versions). Returns the exact version id.
 */
export async function storeArtifact(
  s3: S3Client,
  upload: ArtifactUpload,
  log: Logger,
): Promise<StoredArtifact> {
  const checksum = Buffer.from(upload.sha256Hex, 'hex').toString('base64')
  const uri = `s3://${upload.bucket}/${upload.key}`
  const stored = (versionId: string, reused: boolean): StoredArtifact => ({
    bucket: upload.bucket,
    key: upload.key,
    versionId,
    reused,
    uri,
  })
  for (let attempt = 1; ; attempt += 1) {
    const latest = await describeLatest(s3, upload, checksum, log)
    if (latest.identical !== undefined) {
      log.info(
        `Reusing ${uri} version ${latest.identical}: it already holds this exact artifact (same SHA-256).`,
      )
      return stored(latest.identical, true)
    }
    let answer
    try {
      answer = await putArtifact(s3, upload, checksum, uri, latest.createOnly)
    } catch (error) {
      const name = error instanceof AwsError ? error.awsName : undefined
      if (name === 'ConditionalRequestConflict' && attempt < MAX_CONDITIONAL_RETRIES) {
        // S3: "a conflicting operation occurred; retry". Look again: the other write may be ours.
        log.info(`S3 asked to retry the conditional upload to ${uri} (409); looking again.`)
        continue
      }
      if (name !== 'PreconditionFailed') throw error
      // Create-only write lost a race: another run of this commit (matrix, double trigger)
      // uploaded first. Its object is the one to use when it is the same artifact.
      const winner = await describeLatest(s3, upload, checksum, log)
      if (winner.identical === undefined)
        throw new AwsError(
          `Another run uploaded a different artifact to ${uri} at the same time (same commit, different content).`,
          {
            hint: 'Two jobs publish different SBOMs for one package version and commit: give them different package or version names, or serialize them with a concurrency group.',
          },
        )
      log.info(
        `Reusing ${uri} version ${winner.identical}: a concurrent run of this commit uploaded this exact artifact first.`,
      )
      return stored(winner.identical, true)
    }
    if (!answer.VersionId || answer.VersionId === 'null')
      throw new AwsError(
        `S3 stored ${uri} without a version id, so AWS IoT cannot be pointed at this exact object.`,
        {
          hint: `Enable versioning on ${upload.bucket} (aws s3api put-bucket-versioning --bucket ${upload.bucket} --versioning-configuration Status=Enabled) and check that it is not being changed concurrently.`,
        },
      )
    log.info(`Uploaded ${uri} (${upload.body.length} bytes), version ${answer.VersionId}.`)
    return stored(answer.VersionId, false)
  }
}

/**
 * PutObject with the SHA-256 S3 verifies. `createOnly` (the key has no object yet) adds
 * `If-None-Match: *`, so two concurrent runs cannot both create a version: the second gets 412.
 */
async function putArtifact(
  s3: S3Client,
  upload: ArtifactUpload,
  checksum: string,
  uri: string,
  createOnly: boolean,
) {
  return awsCall(
    { service: 'S3', operation: 'PutObject', target: uri },
    () =>
      s3.send(
        new PutObjectCommand({
          Bucket: upload.bucket,
          Key: upload.key,
          Body: upload.body,
          ContentType: upload.contentType,
          ChecksumSHA256: checksum,
          Metadata: { ...upload.metadata },
          ServerSideEncryption: upload.sse,
          SSEKMSKeyId: upload.kmsKeyId,
          IfNoneMatch: createOnly ? '*' : undefined,
        }),
      ),
    {
      AccessDenied: `The role may not write ${uri}: allow s3:PutObject on arn:aws:s3:::${upload.bucket}/* (and kms:GenerateDataKey on the key for SSE-KMS).`,
      BadDigest:
        'S3 computed a different SHA-256 than we sent: the upload was corrupted on the way. Re-run the job.',
      ConditionalRequestConflict:
        'S3 kept answering 409 ConditionalRequestConflict: another write to the same key is going on. Re-run the job.',
    },
  )
}

interface LatestVersion {
  /** The latest version's id when it holds exactly this artifact. */
  readonly identical: string | undefined
  /** Upload create-only: the key looked empty, or could not be read (then a 412 says more). */
  readonly createOnly: boolean
}

async function describeLatest(
  s3: S3Client,
  upload: ArtifactUpload,
  checksum: string,
  log: Logger,
): Promise<LatestVersion> {
  let latest: ObjectFacts
  try {
    latest = await describeObject(s3, { bucket: upload.bucket, key: upload.key })
  } catch (error) {
    if (!isAccessDenied(error)) throw error
    // Reuse saves a version, nothing more: without s3:GetObject we upload.
    log.warning(
      `Could not read the latest version of s3://${upload.bucket}/${upload.key} (${(error as Error).message}), so an identical earlier upload cannot be reused. Allow s3:GetObject on the SBOM prefix to avoid duplicate versions.`,
    )
    return { identical: undefined, createOnly: false }
  }
  if (!latest.exists) return { identical: undefined, createOnly: true }
  log.debug(
    `Latest version ${latest.versionId ?? '?'} at the key has SHA-256 ${latest.sha256 ?? 'unknown'}.`,
  )
  return {
    identical: latest.sha256 === checksum ? latest.versionId : undefined,
    createOnly: false,
  }
}

/** A small JSON side file (the OCSF event) next to the SBOM; a plain versioned put. */
export async function putJsonObject(
  s3: S3Client,
  bucket: string,
  key: string,
  json: string,
): Promise<void> {
  const uri = `s3://${bucket}/${key}`
  await awsCall(
    { service: 'S3', operation: 'PutObject', target: uri },
    () =>
      s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: Buffer.from(json),
          ContentType: 'application/json',
          ChecksumSHA256: createHash('sha256').update(json).digest('base64'),
        }),
      ),
    { AccessDenied: `The role may not write ${uri}: allow s3:PutObject on that prefix.` },
  )
}
