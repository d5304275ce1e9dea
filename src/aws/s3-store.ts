import { createHash } from 'node:crypto'
import {
  GetBucketVersioningCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
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
 */
export async function requireVersionedBucket(s3: S3Client, bucket: string): Promise<void> {
  const answer = await awsCall(
    { service: 'S3', operation: 'GetBucketVersioning', target: `bucket ${bucket}` },
    () => s3.send(new GetBucketVersioningCommand({ Bucket: bucket })),
    {
      NoSuchBucket: `Bucket ${bucket} does not exist in this account/region: create it with versioning enabled, or fix s3-bucket / aws-region.`,
      AccessDenied: `The role may not read the versioning state of ${bucket}: allow s3:GetBucketVersioning on arn:aws:s3:::${bucket}.`,
    },
  )
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
  const latest = await describeLatestVersion(s3, upload.bucket, upload.key, checksum, log)
  if (latest.identical !== undefined) {
    log.info(
      `Reusing ${uri} version ${latest.identical}: it already holds this exact artifact (same SHA-256).`,
    )
    return {
      bucket: upload.bucket,
      key: upload.key,
      versionId: latest.identical,
      reused: true,
      uri,
    }
  }

  let answer
  try {
    answer = await putArtifact(s3, upload, checksum, uri, latest.empty)
  } catch (error) {
    // Create-only write lost a race: another run of this commit (matrix, double trigger) uploaded
    // first. Its object is the one to use when it is the same artifact.
    if (!(error instanceof AwsError && error.awsName === 'PreconditionFailed')) throw error
    const winner = await describeLatestVersion(s3, upload.bucket, upload.key, checksum, log)
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
    return {
      bucket: upload.bucket,
      key: upload.key,
      versionId: winner.identical,
      reused: true,
      uri,
    }
  }
  if (!answer.VersionId || answer.VersionId === 'null')
    throw new AwsError(
      `S3 stored ${uri} without a version id, so AWS IoT cannot be pointed at this exact object.`,
      {
        hint: `Check that versioning on ${upload.bucket} is Enabled and not being changed concurrently.`,
      },
    )
  log.info(`Uploaded ${uri} (${upload.body.length} bytes), version ${answer.VersionId}.`)
  return { bucket: upload.bucket, key: upload.key, versionId: answer.VersionId, reused: false, uri }
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
    },
  )
}

interface LatestVersion {
  /** The latest version's id when it holds exactly this artifact. */
  readonly identical: string | undefined
  /** The listing showed no object at the key (false when it could not be listed). */
  readonly empty: boolean
}

async function describeLatestVersion(
  s3: S3Client,
  bucket: string,
  key: string,
  checksum: string,
  log: Logger,
): Promise<LatestVersion> {
  let latest: string | undefined
  try {
    const listing = await awsCall(
      { service: 'S3', operation: 'ListObjectVersions', target: `s3://${bucket}/${key}` },
      () => s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key, MaxKeys: 50 })),
    )
    latest = listing.Versions?.find((version) => version.Key === key && version.IsLatest)?.VersionId
  } catch (error) {
    // Reuse saves a version, nothing more: without s3:ListBucketVersions we just upload.
    log.warning(
      `Could not list versions of s3://${bucket}/${key}, so an identical earlier upload cannot be reused (${(error as Error).message}). Allow s3:ListBucketVersions to avoid duplicate versions on re-runs.`,
    )
    return { identical: undefined, empty: false }
  }
  if (latest === undefined) return { identical: undefined, empty: true }
  const head = await awsCall(
    { service: 'S3', operation: 'HeadObject', target: `s3://${bucket}/${key}?versionId=${latest}` },
    () =>
      s3.send(
        new HeadObjectCommand({
          Bucket: bucket,
          Key: key,
          VersionId: latest,
          ChecksumMode: 'ENABLED',
        }),
      ),
    {
      AccessDenied: `The role may not read s3://${bucket}/${key}: allow s3:GetObjectVersion (AWS IoT needs it too).`,
    },
  )
  log.debug(`Latest version ${latest} at the key has SHA-256 ${head.ChecksumSHA256 ?? 'unknown'}.`)
  return { identical: head.ChecksumSHA256 === checksum ? latest : undefined, empty: false }
}

/** A small JSON side file (the OCSF event) next to the SBOM; a plain versioned put. */
export async function putJsonObject(
  s3: S3Client,
  bucket: string,
  key: string,
  json: string,
): Promise<string | undefined> {
  const uri = `s3://${bucket}/${key}`
  const answer = await awsCall(
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
  return answer.VersionId
}
