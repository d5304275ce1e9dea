import { createHash } from 'node:crypto'
import {
  GetBucketVersioningCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'
import { beforeEach, describe, expect, it } from 'vitest'
import { requireVersionedBucket, storeArtifact } from '../../src/aws/s3-store.ts'
import { AwsError } from '../../src/shared/errors.ts'
import type { Logger } from '../../src/shared/logger.ts'

const s3Mock = mockClient(S3Client)
const s3 = new S3Client({ region: 'eu-west-1' })
const body = Buffer.from('{"bomFormat":"CycloneDX"}')
const sha256Hex = createHash('sha256').update(body).digest('hex')
const checksum = Buffer.from(sha256Hex, 'hex').toString('base64')
const upload = {
  bucket: 'acme-sboms',
  key: 'sbom/p/v/sha.zip',
  body,
  sha256Hex,
  contentType: 'application/zip',
  metadata: { 'commit-sha': 'sha' },
  sse: 'aws:kms' as const,
  kmsKeyId: 'alias/sbom',
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    notice: (m) => lines.push(`notice ${m}`),
    warning: (m) => lines.push(`warning ${m}`),
    debug: () => {},
  }
}

beforeEach(() => s3Mock.reset())

describe('requireVersionedBucket', () => {
  it('accepts Enabled', async () => {
    s3Mock.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' })
    await expect(
      requireVersionedBucket(s3, 'acme-sboms', recordingLogger()),
    ).resolves.toBeUndefined()
  })

  it.each([
    [undefined, 'never enabled'],
    ['Suspended', 'suspended'],
  ] as const)('refuses versioning %s with the command that fixes it', async (status, words) => {
    s3Mock.on(GetBucketVersioningCommand).resolves({ Status: status })
    const error = await requireVersionedBucket(s3, 'acme-sboms', recordingLogger()).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(AwsError)
    expect((error as AwsError).message).toContain(`versioning is ${words}`)
    expect((error as AwsError).hint).toContain('put-bucket-versioning --bucket acme-sboms')
  })

  it('explains a missing bucket with service, operation and request id', async () => {
    s3Mock.on(GetBucketVersioningCommand).rejects(
      new S3ServiceException({
        name: 'NoSuchBucket',
        $fault: 'client',
        message: 'The specified bucket does not exist',
        $metadata: { httpStatusCode: 404, requestId: 'REQ123' },
      }),
    )
    const error = (await requireVersionedBucket(s3, 'acme-sboms', recordingLogger()).catch(
      (e: unknown) => e,
    )) as AwsError
    expect(error.message).toMatch(
      /^S3 GetBucketVersioning failed for bucket acme-sboms: NoSuchBucket/,
    )
    expect(error.message).toContain('request id REQ123')
    expect(error.hint).toContain('does not exist')
  })
})

const notFound = new S3ServiceException({
  name: 'NotFound',
  $fault: 'client',
  message: 'UnknownError',
  $metadata: { httpStatusCode: 404 },
})

describe('storeArtifact', () => {
  it('uploads with the SHA-256, metadata and SSE, and returns the version id', async () => {
    s3Mock.on(HeadObjectCommand).rejects(notFound)
    s3Mock.on(PutObjectCommand).resolves({ VersionId: 'v1' })
    const stored = await storeArtifact(s3, upload, recordingLogger())
    expect(stored).toEqual({
      bucket: 'acme-sboms',
      key: upload.key,
      versionId: 'v1',
      reused: false,
      uri: 's3://acme-sboms/sbom/p/v/sha.zip',
    })
    const put = s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input
    expect(put).toMatchObject({
      ChecksumSHA256: checksum,
      ContentType: 'application/zip',
      Metadata: { 'commit-sha': 'sha' },
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'alias/sbom',
    })
  })

  it("reuses the key's latest version when its checksum matches", async () => {
    s3Mock
      .on(HeadObjectCommand, { Key: upload.key, ChecksumMode: 'ENABLED' })
      .resolves({ VersionId: 'latest', ChecksumSHA256: checksum })
    const stored = await storeArtifact(s3, upload, recordingLogger())
    expect(stored).toMatchObject({ versionId: 'latest', reused: true })
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0)
    // The latest version is asked for without a version id (s3:GetObject, no listing needed).
    expect(s3Mock.commandCalls(HeadObjectCommand)[0]?.args[0].input.VersionId).toBeUndefined()
  })

  it('uploads again when the latest version differs', async () => {
    s3Mock.on(HeadObjectCommand).resolves({ VersionId: 'latest', ChecksumSHA256: 'different' })
    s3Mock.on(PutObjectCommand).resolves({ VersionId: 'v2' })
    expect(await storeArtifact(s3, upload, recordingLogger())).toMatchObject({
      versionId: 'v2',
      reused: false,
    })
  })

  it('warns and uploads when the latest version cannot be read (a bodyless 403)', async () => {
    s3Mock.on(HeadObjectCommand).rejects(
      new S3ServiceException({
        name: 'Unknown',
        $fault: 'client',
        message: 'UnknownError',
        $metadata: { httpStatusCode: 403 },
      }),
    )
    s3Mock.on(PutObjectCommand).resolves({ VersionId: 'v3' })
    const log = recordingLogger()
    expect((await storeArtifact(s3, upload, log)).versionId).toBe('v3')
    expect(
      log.lines.some((line) => line.startsWith('warning') && line.includes('s3:GetObject')),
    ).toBe(true)
  })

  it.each([undefined, 'null'])('fails when S3 returns version id %s', async (versionId) => {
    s3Mock.on(HeadObjectCommand).rejects(notFound)
    s3Mock.on(PutObjectCommand).resolves({ VersionId: versionId })
    await expect(storeArtifact(s3, upload, recordingLogger())).rejects.toThrow(
      /without a version id/,
    )
  })
})

describe('storeArtifact: create-only first upload', () => {
  const preconditionFailed = new S3ServiceException({
    name: 'PreconditionFailed',
    $fault: 'client',
    $metadata: { httpStatusCode: 412, requestId: 'REQ412' },
    message: 'At least one of the pre-conditions you specified did not hold',
  })

  it('sends If-None-Match only when the key is empty, and a plain put over an older version', async () => {
    s3Mock.on(HeadObjectCommand).rejects(notFound)
    s3Mock.on(PutObjectCommand).resolves({ VersionId: 'v1' })
    await storeArtifact(s3, upload, recordingLogger())
    expect(s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input.IfNoneMatch).toBe('*')

    s3Mock.reset()
    s3Mock.on(HeadObjectCommand).resolves({ VersionId: 'old', ChecksumSHA256: 'b3RoZXI=' })
    s3Mock.on(PutObjectCommand).resolves({ VersionId: 'v2' })
    await storeArtifact(s3, upload, recordingLogger())
    expect(s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input.IfNoneMatch).toBeUndefined()
  })

  it('reuses the winner of a race when it uploaded the same bytes', async () => {
    s3Mock
      .on(HeadObjectCommand)
      .rejectsOnce(notFound)
      .resolves({ VersionId: 'winner', ChecksumSHA256: checksum })
    s3Mock.on(PutObjectCommand).rejects(preconditionFailed)
    const log = recordingLogger()
    const stored = await storeArtifact(s3, upload, log)
    expect(stored).toMatchObject({ versionId: 'winner', reused: true })
    expect(log.lines.join('\n')).toContain(
      'a concurrent run of this commit uploaded this exact artifact first',
    )
  })

  it('stops when the winner of a race uploaded different bytes', async () => {
    s3Mock
      .on(HeadObjectCommand)
      .rejectsOnce(notFound)
      .resolves({ VersionId: 'winner', ChecksumSHA256: 'ZGlmZmVyZW50' })
    s3Mock.on(PutObjectCommand).rejects(preconditionFailed)
    const error = await storeArtifact(s3, upload, recordingLogger()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsError)
    expect((error as AwsError).message).toMatch(
      /Another run uploaded a different artifact to s3:\/\/acme-sboms\/sbom\/p\/v\/sha.zip at the same time/,
    )
    expect((error as AwsError).hint).toContain('concurrency group')
  })

  it('retries after 409 ConditionalRequestConflict, and gives up after three with a hint', async () => {
    const conflict = new S3ServiceException({
      name: 'ConditionalRequestConflict',
      $fault: 'client',
      $metadata: { httpStatusCode: 409 },
      message: 'A conflicting operation occurred. If using PutObject you can retry the request.',
    })
    s3Mock.on(HeadObjectCommand).rejects(notFound)
    s3Mock.on(PutObjectCommand).rejectsOnce(conflict).resolves({ VersionId: 'v1' })
    expect(await storeArtifact(s3, upload, recordingLogger())).toMatchObject({ versionId: 'v1' })
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(2)

    s3Mock.reset()
    s3Mock.on(HeadObjectCommand).rejects(notFound)
    s3Mock.on(PutObjectCommand).rejects(conflict)
    const error = (await storeArtifact(s3, upload, recordingLogger()).catch(
      (e: unknown) => e,
    )) as AwsError
    expect(error.awsName).toBe('ConditionalRequestConflict')
    expect(error.hint).toContain('Re-run the job')
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(3)
  })
})

describe('requireVersionedBucket: a bucket of another account', () => {
  it('warns and goes on when GetBucketVersioning is denied (owner-only)', async () => {
    s3Mock.on(GetBucketVersioningCommand).rejects(
      new S3ServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        message: 'Access Denied',
        $metadata: { httpStatusCode: 403 },
      }),
    )
    const log = recordingLogger()
    await expect(requireVersionedBucket(s3, 'acme-sboms', log)).resolves.toBeUndefined()
    expect(log.lines.join('\n')).toMatch(/warning.*only the bucket owner/)
  })
})
