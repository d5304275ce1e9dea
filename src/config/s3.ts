// Where the artifact is stored: the S3 bucket, the object key and its encryption.
import { quoted } from '../context/quoted.js'
import {
  ARCHIVE_FORMATS,
  DEFAULT_ARCHIVE_FORMAT,
  type ArchiveFormat,
} from '../sbom/archive-formats.js'
import type { Inputs } from './inputs.js'

const SERVER_SIDE_ENCRYPTIONS = ['AES256', 'aws:kms'] as const
export type ServerSideEncryption = (typeof SERVER_SIDE_ENCRYPTIONS)[number]

export interface S3Target {
  readonly bucket: string
  /** Full object key of the artifact: `<s3-key-prefix><package>/<version>/<commit sha>.<extension>`. */
  readonly key: string
  /** `<s3-key-prefix><package>/`: where this package's earlier SBOMs are. */
  readonly packagePrefix: string
  readonly sse: ServerSideEncryption | undefined
  readonly kmsKeyId: string | undefined
}

/** s3-key-prefix when not given. */
export const DEFAULT_KEY_PREFIX = 'sbom/'

export const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

/** What the object key is made of (as given: a name that is refused is still measured). */
export interface KeyParts {
  readonly packageName: string
  readonly versionName: string
  readonly commitSha: string
  /** Undefined when sbom-archive is refused: the key then takes the default's extension. */
  readonly archive: ArchiveFormat | undefined
}

/** `<prefix><package>/<version>/<commit sha>.<zip|cdx.json>` */
export function objectKeyOf(keyPrefix: string, parts: KeyParts): string {
  const { extension } = ARCHIVE_FORMATS[parts.archive ?? DEFAULT_ARCHIVE_FORMAT]
  return `${keyPrefix}${parts.packageName}/${parts.versionName}/${parts.commitSha}.${extension}`
}

/** s3-bucket, s3-sse and s3-kms-key-id, and the key under s3-key-prefix (undefined when refused). */
export function readS3Target(
  inputs: Inputs,
  keyPrefix: string | undefined,
  parts: KeyParts,
): S3Target | undefined {
  const bucket = readBucket(inputs)
  const key = keyPrefix === undefined ? undefined : readObjectKey(inputs, keyPrefix, parts)
  const sse = readEncryption(inputs)
  if (bucket === undefined || keyPrefix === undefined || key === undefined || sse === undefined)
    return undefined
  const packagePrefix = `${keyPrefix}${parts.packageName}/`
  return Object.freeze({ bucket, key, packagePrefix, ...sse })
}

function readBucket(inputs: Inputs): string | undefined {
  const bucket = inputs.get('s3-bucket')
  if (!bucket)
    return inputs.fail(
      's3-bucket is required in publish mode: the versioned S3 bucket that stores SBOMs.',
    )
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(bucket))
    return inputs.fail(
      `s3-bucket ${quoted(bucket)} is not a valid S3 bucket name: 3–63 characters, lowercase letters, digits, "." and "-", starting and ending with a letter or digit.`,
    )
  return bucket
}

function readObjectKey(inputs: Inputs, keyPrefix: string, parts: KeyParts): string | undefined {
  const key = objectKeyOf(keyPrefix, parts)
  if (key.length <= 1024) return key
  return inputs.fail(
    `the S3 key "${key.slice(0, 80)}…" is longer than S3's 1024 characters: shorten s3-key-prefix.`,
  )
}

/** s3-sse (aws:kms implied by a KMS key) and s3-kms-key-id. */
function readEncryption(inputs: Inputs): Pick<S3Target, 'sse' | 'kmsKeyId'> | undefined {
  const sseInput = inputs.get('s3-sse')
  const kmsKeyId = inputs.get('s3-kms-key-id') || undefined
  if (sseInput === '') return { sse: kmsKeyId ? 'aws:kms' : undefined, kmsKeyId }
  const sse = SERVER_SIDE_ENCRYPTIONS.find((value) => value === sseInput)
  if (sse === undefined)
    return inputs.fail(
      `s3-sse ${quoted(sseInput)} must be AES256 or aws:kms (or empty for the bucket's default encryption).`,
    )
  if (kmsKeyId && sse === 'AES256')
    return inputs.fail('s3-kms-key-id is set but s3-sse is AES256: use s3-sse: aws:kms.')
  return { sse, kmsKeyId }
}
