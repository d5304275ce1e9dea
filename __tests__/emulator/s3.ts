// The S3 half of the loopback AWS emulator: path-style requests, XML answers, versioning,
// full-object checksums (header or aws-chunked trailer), SSE headers and user metadata.
import { createHash, randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { BucketState, EmulatorState, StoredVersion } from './aws-emulator.ts'
import {
  CHECKSUM_ALGORITHMS,
  checksumHeader,
  checksumOf,
  decodeAwsChunked,
  element,
  EmulatedError,
  escapeXml,
  headerOf,
  isWellFormedChecksum,
  S3_NAMESPACE,
  UNVERIFIED_CHECKSUMS,
  xmlAnswer,
  type Answer,
} from './wire.ts'

/** The SDK operation a path-style S3 request stands for. */
export function s3Operation(method: string, url: URL): string {
  const [, key] = splitPath(url.pathname)
  const query = url.searchParams
  if (key === '') {
    if (query.has('versioning'))
      return method === 'PUT' ? 'PutBucketVersioning' : 'GetBucketVersioning'
    if (method === 'GET' && query.has('versions')) return 'ListObjectVersions'
    if (method === 'GET' && query.get('list-type') === '2') return 'ListObjectsV2'
    if (method === 'GET') return 'ListObjects'
    if (method === 'HEAD') return 'HeadBucket'
    return `${method} bucket`
  }
  if (method === 'PUT') return 'PutObject'
  if (method === 'HEAD') return 'HeadObject'
  if (method === 'GET') return 'GetObject'
  if (method === 'DELETE') return 'DeleteObject'
  return `${method} object`
}

export function splitPath(pathname: string): [string, string] {
  const [, bucket = '', ...rest] = pathname.split('/')
  return [decodeURIComponent(bucket), rest.map(decodeURIComponent).join('/')]
}

const SSE_VALUES = ['AES256', 'aws:kms', 'aws:kms:dsse']
const MAX_METADATA_BYTES = 2048

export function handleS3(
  state: EmulatorState,
  operation: string,
  request: IncomingMessage,
  url: URL,
  raw: Buffer,
): Answer {
  const [bucketName, key] = splitPath(url.pathname)
  const bucket = state.buckets.get(bucketName)
  if (!bucket) throw new EmulatedError(404, 'NoSuchBucket', 'The specified bucket does not exist')
  const query = url.searchParams
  switch (operation) {
    case 'HeadBucket':
      return { status: 200, headers: { 'x-amz-bucket-region': 'us-east-1' }, body: undefined }
    case 'GetBucketVersioning':
      // Only the bucket owner may read its versioning state, whatever the bucket policy says.
      if (bucket.owner === 'other') throw new EmulatedError(403, 'AccessDenied', 'Access Denied')
      return xmlAnswer(
        `<VersioningConfiguration xmlns="${S3_NAMESPACE}">${
          bucket.versioning === 'never' ? '' : element('Status', bucket.versioning)
        }</VersioningConfiguration>`,
      )
    case 'PutBucketVersioning': {
      const status = /<Status>\s*([^<]*?)\s*<\/Status>/.exec(raw.toString('utf8'))?.[1]
      if (status !== 'Enabled' && status !== 'Suspended')
        throw new EmulatedError(400, 'MalformedXML', 'The XML you provided was not well-formed.')
      bucket.versioning = status
      return { status: 200, headers: {}, body: undefined }
    }
    case 'ListObjectVersions':
      return listObjectVersions(bucketName, bucket, query)
    case 'ListObjectsV2':
      return listObjectsV2(bucketName, bucket, query)
    case 'PutObject':
      return putObject(bucket, key, request, raw)
    case 'HeadObject':
    case 'GetObject': {
      const version = findVersion(bucket, key, query.get('versionId'))
      const headers: Record<string, string> = {
        'content-type': version.contentType,
        'content-length': String(version.body.length),
        etag: version.etag,
        'last-modified': version.lastModified.toUTCString(),
        'accept-ranges': 'bytes',
        ...objectHeaders(version),
      }
      if (headerOf(request, 'x-amz-checksum-mode') === 'ENABLED') {
        headers[checksumHeader(version.checksum.algorithm)] = version.checksum.value
        headers['x-amz-checksum-type'] = 'FULL_OBJECT'
      }
      return { status: 200, headers, body: operation === 'GetObject' ? version.body : undefined }
    }
    default:
      throw new EmulatedError(
        501,
        'NotImplemented',
        `A header or query you provided implies functionality that is not implemented (the emulator has no S3 ${operation}).`,
      )
  }
}

/** x-amz-version-id (not for the "null" version), SSE and user metadata of a stored version. */
function objectHeaders(version: StoredVersion): Record<string, string> {
  const headers: Record<string, string> = {
    'x-amz-server-side-encryption': version.sse ?? 'AES256',
  }
  if (version.versionId !== 'null') headers['x-amz-version-id'] = version.versionId
  if (version.kmsKeyId !== undefined)
    headers['x-amz-server-side-encryption-aws-kms-key-id'] = version.kmsKeyId
  for (const [name, value] of Object.entries(version.metadata))
    headers[`x-amz-meta-${name}`] = value
  return headers
}

function putObject(
  bucket: BucketState,
  key: string,
  request: IncomingMessage,
  raw: Buffer,
): Answer {
  if (Buffer.byteLength(key) > 1024)
    throw new EmulatedError(400, 'KeyTooLongError', 'Your key is too long')
  const chunked = (headerOf(request, 'content-encoding') ?? '').includes('aws-chunked')
  const { body, trailers } = chunked
    ? decodeAwsChunked(raw)
    : { body: raw, trailers: {} as Record<string, string> }
  if (chunked) {
    const declared = headerOf(request, 'x-amz-decoded-content-length')
    if (declared !== undefined && Number(declared) !== body.length)
      throw new EmulatedError(
        400,
        'IncompleteBody',
        'You did not provide the number of bytes specified by the x-amz-decoded-content-length header.',
      )
    for (const name of (headerOf(request, 'x-amz-trailer') ?? '').split(',')) {
      const trailer = name.trim().toLowerCase()
      if (trailer !== '' && trailers[trailer] === undefined)
        throw new EmulatedError(
          400,
          'MalformedTrailerError',
          `The request declared the trailer ${trailer} but did not send it.`,
        )
    }
  }
  const { checksum, checksumIn } = verifyChecksums(request, trailers, body)
  verifyContentMd5(request, body)

  const sse = headerOf(request, 'x-amz-server-side-encryption')
  const kmsKeyId = headerOf(request, 'x-amz-server-side-encryption-aws-kms-key-id')
  if (sse !== undefined && !SSE_VALUES.includes(sse))
    throw new EmulatedError(
      400,
      'InvalidArgument',
      'The encryption method specified is not supported',
    )
  if (kmsKeyId !== undefined && !sse?.startsWith('aws:kms'))
    throw new EmulatedError(
      400,
      'InvalidArgument',
      'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms',
    )
  const metadata: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers))
    if (name.startsWith('x-amz-meta-') && typeof value === 'string')
      metadata[name.slice('x-amz-meta-'.length)] = value
  if (
    Object.entries(metadata).reduce((size, [n, v]) => size + Buffer.byteLength(n + v), 0) >
    MAX_METADATA_BYTES
  )
    throw new EmulatedError(
      400,
      'MetadataTooLarge',
      'Your metadata headers exceed the maximum allowed metadata size.',
    )

  const versioned = bucket.versioning === 'Enabled'
  const stored: StoredVersion = {
    key,
    versionId: versioned ? newVersionId() : 'null',
    body,
    sha256: createHash('sha256').update(body).digest('base64'),
    checksum,
    upload: { awsChunked: chunked, checksumIn },
    etag: `"${createHash('md5').update(body).digest('hex')}"`,
    contentType: headerOf(request, 'content-type') ?? 'binary/octet-stream',
    metadata,
    sse,
    kmsKeyId,
    // S3 keeps whole seconds.
    lastModified: new Date(Math.floor(Date.now() / 1000) * 1000),
  }
  const versions = bucket.objects.get(key) ?? []
  // Conditional write: `If-None-Match: *` only creates; S3 answers 412 when the key has an object.
  if (headerOf(request, 'if-none-match') === '*' && versions.length > 0)
    throw new EmulatedError(
      412,
      'PreconditionFailed',
      'At least one of the pre-conditions you specified did not hold',
    )
  // Without versioning a PUT replaces the "null" version; with versioning it adds one.
  bucket.objects.set(
    key,
    versioned ? [...versions, stored] : [...versions.filter((v) => v.versionId !== 'null'), stored],
  )
  const headers: Record<string, string> = {
    etag: stored.etag,
    [checksumHeader(checksum.algorithm)]: checksum.value,
    'x-amz-checksum-type': 'FULL_OBJECT',
    ...objectHeaders({ ...stored, metadata: {} }),
  }
  return { status: 200, headers, body: undefined }
}

/** S3 version ids: 32 URL-safe characters. */
function newVersionId(): string {
  return randomBytes(24).toString('base64url')
}

/**
 * Checks the one full-object checksum a PUT may carry (header or aws-chunked trailer) the way
 * S3 does, and returns what is stored: that checksum, or S3's default CRC64NVME when none came.
 */
function verifyChecksums(
  request: IncomingMessage,
  trailers: Record<string, string>,
  body: Buffer,
): { checksum: StoredVersion['checksum']; checksumIn: StoredVersion['upload']['checksumIn'] } {
  const sent: { algorithm: string; value: string; in: 'header' | 'trailer' }[] = []
  for (const [where, source] of [
    ['header', request.headers],
    ['trailer', trailers],
  ] as const)
    for (const [name, value] of Object.entries(source)) {
      const match = /^x-amz-checksum-([a-z0-9]+)$/.exec(name)
      if (!match?.[1] || ['mode', 'type', 'algorithm'].includes(match[1])) continue
      if (typeof value === 'string')
        sent.push({ algorithm: match[1].toUpperCase(), value, in: where })
    }
  if (sent.length > 1)
    throw new EmulatedError(
      400,
      'InvalidRequest',
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    )
  const declared = headerOf(request, 'x-amz-sdk-checksum-algorithm')?.toUpperCase()
  const [given] = sent
  if (declared !== undefined && given?.algorithm !== declared)
    throw new EmulatedError(
      400,
      'InvalidRequest',
      `x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.`,
    )
  if (!given)
    return {
      checksum: { algorithm: 'CRC64NVME', value: checksumOf('CRC64NVME', body) },
      checksumIn: 'none',
    }
  if (UNVERIFIED_CHECKSUMS.includes(given.algorithm))
    throw new EmulatedError(
      501,
      'NotImplemented',
      `The emulator does not compute ${given.algorithm} checksums; use SHA256, SHA1, CRC32, CRC32C or CRC64NVME.`,
    )
  const algorithm = CHECKSUM_ALGORITHMS.find((known) => known === given.algorithm)
  if (!algorithm || !isWellFormedChecksum(algorithm, given.value))
    throw new EmulatedError(
      400,
      'InvalidRequest',
      `Value for ${checksumHeader(given.algorithm)} header is invalid.`,
    )
  if (checksumOf(algorithm, body) !== given.value)
    throw new EmulatedError(
      400,
      'BadDigest',
      `The ${algorithm} you specified did not match the calculated checksum.`,
    )
  return { checksum: { algorithm, value: given.value }, checksumIn: given.in }
}

function verifyContentMd5(request: IncomingMessage, body: Buffer): void {
  const md5 = headerOf(request, 'content-md5')
  if (md5 === undefined) return
  if (!isWellFormedChecksum('MD5', md5))
    throw new EmulatedError(400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.')
  if (md5 !== createHash('md5').update(body).digest('base64'))
    throw new EmulatedError(
      400,
      'BadDigest',
      'The Content-MD5 you specified did not match what we received.',
    )
}

function findVersion(bucket: BucketState, key: string, versionId: string | null): StoredVersion {
  const versions = bucket.objects.get(key) ?? []
  if (versionId === null) {
    const latest = versions.at(-1)
    if (!latest) throw new EmulatedError(404, 'NoSuchKey', 'The specified key does not exist.')
    return latest
  }
  const version = versions.find((v) => v.versionId === versionId)
  if (!version)
    throw new EmulatedError(404, 'NoSuchVersion', 'The specified version does not exist.')
  return version
}

/** Latest versions first within each key, keys in UTF-8 binary order, like S3. */
function allVersions(bucket: BucketState, prefix: string): StoredVersion[] {
  return [...bucket.objects.entries()]
    .filter(([name, versions]) => name.startsWith(prefix) && versions.length > 0)
    .sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .flatMap(([, versions]) => [...versions].reverse())
}

function maxKeysOf(query: URLSearchParams): number {
  const text = query.get('max-keys')
  if (text === null) return 1000
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0)
    throw new EmulatedError(
      400,
      'InvalidArgument',
      'Provided max-keys not an integer or within integer range',
    )
  return Math.min(value, 1000)
}

function listObjectVersions(name: string, bucket: BucketState, query: URLSearchParams): Answer {
  const prefix = query.get('prefix') ?? ''
  const maxKeys = maxKeysOf(query)
  const keyMarker = query.get('key-marker') ?? ''
  const versionIdMarker = query.get('version-id-marker') ?? ''
  const all = allVersions(bucket, prefix)
  let start = 0
  if (keyMarker !== '') {
    const afterKey = all.findIndex(
      (v) => Buffer.compare(Buffer.from(v.key), Buffer.from(keyMarker)) > 0,
    )
    start = afterKey < 0 ? all.length : afterKey
    if (versionIdMarker !== '') {
      const marker = all.findIndex((v) => v.key === keyMarker && v.versionId === versionIdMarker)
      if (marker < 0)
        throw new EmulatedError(400, 'InvalidArgument', 'Invalid version id specified')
      start = marker + 1
    }
  }
  const page = all.slice(start, start + maxKeys)
  const truncated = start + maxKeys < all.length
  const last = page.at(-1)
  const entries = page.map((version) => {
    const latest = bucket.objects.get(version.key)?.at(-1) === version
    return `<Version>${element('Key', version.key)}${element('VersionId', version.versionId)}${element('IsLatest', latest)}${element('LastModified', version.lastModified.toISOString())}${element('ETag', version.etag)}${element('ChecksumAlgorithm', version.checksum.algorithm)}${element('ChecksumType', 'FULL_OBJECT')}${element('Size', version.body.length)}<StorageClass>STANDARD</StorageClass></Version>`
  })
  return xmlAnswer(
    `<ListVersionsResult xmlns="${S3_NAMESPACE}">${element('Name', name)}${element('Prefix', prefix)}${element('KeyMarker', keyMarker)}${element('VersionIdMarker', versionIdMarker)}${
      truncated && last
        ? element('NextKeyMarker', last.key) + element('NextVersionIdMarker', last.versionId)
        : ''
    }${element('MaxKeys', maxKeys)}${element('IsTruncated', truncated)}${entries.join('')}</ListVersionsResult>`,
  )
}

function listObjectsV2(name: string, bucket: BucketState, query: URLSearchParams): Answer {
  const prefix = query.get('prefix') ?? ''
  const delimiter = query.get('delimiter') ?? ''
  const maxKeys = maxKeysOf(query)
  const token = query.get('continuation-token')
  let after = query.get('start-after') ?? ''
  if (token !== null) {
    const decoded = Buffer.from(token, 'base64url').toString('utf8')
    if (!decoded.startsWith('k:'))
      throw new EmulatedError(
        400,
        'InvalidArgument',
        'The continuation token provided is incorrect',
      )
    after = decoded.slice(2)
  }
  const latest = allVersions(bucket, prefix).filter(
    (version) => bucket.objects.get(version.key)?.at(-1) === version,
  )
  // Each entry is an object or a common prefix; both count against max-keys.
  const items: { key: string; prefix?: string; version?: StoredVersion }[] = []
  for (const version of latest) {
    const rest = version.key.slice(prefix.length)
    const cut = delimiter === '' ? -1 : rest.indexOf(delimiter)
    if (cut >= 0) {
      const common = prefix + rest.slice(0, cut + delimiter.length)
      if (items.at(-1)?.prefix !== common) items.push({ key: common, prefix: common })
    } else items.push({ key: version.key, version })
  }
  const remaining = items.filter(
    (item) => after === '' || Buffer.compare(Buffer.from(item.key), Buffer.from(after)) > 0,
  )
  const page = remaining.slice(0, maxKeys)
  const truncated = remaining.length > page.length
  const contents = page
    .map((item) =>
      item.version
        ? `<Contents>${element('Key', item.version.key)}${element('LastModified', item.version.lastModified.toISOString())}${element('ETag', item.version.etag)}${element('ChecksumAlgorithm', item.version.checksum.algorithm)}${element('ChecksumType', 'FULL_OBJECT')}${element('Size', item.version.body.length)}<StorageClass>STANDARD</StorageClass></Contents>`
        : `<CommonPrefixes>${element('Prefix', item.prefix)}</CommonPrefixes>`,
    )
    .join('')
  const next = truncated
    ? Buffer.from(`k:${page.at(-1)?.key ?? ''}`, 'utf8').toString('base64url')
    : undefined
  return xmlAnswer(
    `<ListBucketResult xmlns="${S3_NAMESPACE}">${element('Name', name)}${element('Prefix', prefix)}${delimiter ? element('Delimiter', delimiter) : ''}${element('MaxKeys', maxKeys)}${element('KeyCount', page.length)}${element('IsTruncated', truncated)}${token !== null ? element('ContinuationToken', token) : ''}${element('NextContinuationToken', next)}${query.has('start-after') ? element('StartAfter', query.get('start-after') ?? '') : ''}${contents}</ListBucketResult>`,
  )
}

export function s3ErrorBody(code: string, message: string, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message><RequestId>${requestId}</RequestId><HostId>${randomBytes(32).toString('base64')}</HostId></Error>`
}
