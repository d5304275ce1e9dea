// The SBOM this package published before, read back from the bucket for the job summary's diff.
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3'
import { ActionError } from '../shared/errors.js'
import { awsCall } from './explain-error.js'

export interface PreviousObject {
  readonly key: string
  readonly lastModified: Date
  /** As listed. */
  readonly size: number
}

/** The object is larger than this action reads for a diff. */
export class PreviousObjectTooLargeError extends ActionError {}

// Enough for years of releases; past it the newest is still found among the keys listed.
const MAX_PAGES = 20
// Our artifacts are far smaller; anything bigger is not worth a diff in a job summary.
const MAX_BYTES = 64 * 1024 * 1024

/**
 * The newest object under `packagePrefix` (`<s3-key-prefix><package>/`) other than `currentKey`,
 * or undefined when there is none. Errors (e.g. no s3:ListBucket) propagate as AwsError.
 */
export async function findPreviousObject(
  s3: S3Client,
  bucket: string,
  packagePrefix: string,
  currentKey: string,
): Promise<PreviousObject | undefined> {
  let newest: PreviousObject | undefined
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
  return newest
}

/**
 * The object's bytes, or undefined when it has no body. Refused with PreviousObjectTooLargeError past
 * MAX_BYTES: by the listed size before asking, and by counting while reading, since the object
 * can be replaced between the listing and the read.
 */
export async function readPreviousObject(
  s3: S3Client,
  bucket: string,
  object: PreviousObject,
): Promise<Uint8Array | undefined> {
  const overLimit = (size: string) =>
    new PreviousObjectTooLargeError(
      `it is ${size}, over the ${MAX_BYTES / 1024 / 1024} MiB this action reads`,
    )
  if (object.size > MAX_BYTES) throw overLimit(`${object.size} bytes`)
  const answer = await awsCall(
    { service: 'S3', operation: 'GetObject', target: `s3://${bucket}/${object.key}` },
    () => s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.key })),
  )
  const body = answer.Body as (AsyncIterable<Uint8Array> & { destroy?: () => void }) | undefined
  if (body === undefined) return undefined
  if ((answer.ContentLength ?? 0) > MAX_BYTES) {
    body.destroy?.()
    throw overLimit(`${answer.ContentLength} bytes`)
  }
  const chunks: Uint8Array[] = []
  let read = 0
  // Leaving the loop (the throw) ends the stream.
  for await (const chunk of body) {
    read += chunk.length
    if (read > MAX_BYTES) throw overLimit(`more than ${MAX_BYTES} bytes`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}
