// The SBOM this package published before, read back from the bucket for the job summary's diff.
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3'
import { awsCall } from './explain-error.js'

export interface PreviousArtifact {
  readonly key: string
  readonly lastModified: Date
  readonly bytes: Uint8Array
}

// Enough for years of releases; past it the newest is still found among the keys listed.
const MAX_PAGES = 20
// Our artifacts are far smaller; anything bigger is not worth a diff in a job summary.
const MAX_BYTES = 64 * 1024 * 1024

/**
 * The newest object under `packagePrefix` (`<s3-key-prefix><package>/`) other than `currentKey`,
 * or undefined when there is none. Errors (e.g. no s3:ListBucket) propagate as AwsError.
 */
export async function findPreviousArtifact(
  s3: S3Client,
  bucket: string,
  packagePrefix: string,
  currentKey: string,
): Promise<PreviousArtifact | undefined> {
  let newest: { key: string; lastModified: Date; size: number } | undefined
  let token: string | undefined
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const listing = await awsCall(
      { service: 'S3', operation: 'ListObjectsV2', target: `s3://${bucket}/${packagePrefix}` },
      () =>
        s3.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: packagePrefix,
            ContinuationToken: token,
          }),
        ),
    )
    for (const object of listing.Contents ?? []) {
      if (!object.Key || object.Key === currentKey || !object.LastModified) continue
      if (!newest || object.LastModified > newest.lastModified)
        newest = { key: object.Key, lastModified: object.LastModified, size: object.Size ?? 0 }
    }
    token = listing.NextContinuationToken
    if (!token) break
  }
  if (!newest || newest.size > MAX_BYTES) return undefined
  const key = newest.key
  const object = await awsCall(
    { service: 'S3', operation: 'GetObject', target: `s3://${bucket}/${key}` },
    () => s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })),
  )
  const bytes = await object.Body?.transformToByteArray()
  return bytes ? { key, lastModified: newest.lastModified, bytes } : undefined
}
