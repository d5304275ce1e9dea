// The emulator is only worth its tests if it behaves like AWS on the wire: drive it with the real
// SDK clients (signing, serialization, retries and error parsing all run for real).
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import {
  AssociateSbomWithPackageVersionCommand,
  CreatePackageCommand,
  CreatePackageVersionCommand,
  DisassociateSbomFromPackageVersionCommand,
  GetPackageCommand,
  GetPackageVersionCommand,
  IoTClient,
  ListSbomValidationResultsCommand,
  paginateListSbomValidationResults,
  UpdatePackageVersionCommand,
  type UpdatePackageVersionCommandInput,
} from '@aws-sdk/client-iot'
import {
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3'
import yazl from 'yazl'
import { afterEach, describe, expect, it } from 'vitest'
import { startAwsEmulator, type AwsEmulator, type EmulatorOptions } from './aws-emulator.ts'

let emulator: AwsEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

async function start(options: EmulatorOptions = {}, s3Config: Partial<S3ClientConfig> = {}) {
  emulator = await startAwsEmulator(options)
  const config = {
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    retryMode: 'standard',
    maxAttempts: 3,
  }
  return {
    aws: emulator,
    s3: new S3Client({ ...config, forcePathStyle: true, ...s3Config }),
    iot: new IoTClient(config),
  }
}

const sha256 = (body: Buffer | string) => createHash('sha256').update(body).digest('base64')
const cyclonedx = (specVersion: string) =>
  JSON.stringify({ bomFormat: 'CycloneDX', specVersion, version: 1, components: [] })

async function zipOf(files: Record<string, string>, compress = true): Promise<Buffer> {
  const zip = new yazl.ZipFile()
  for (const [name, content] of Object.entries(files))
    zip.addBuffer(Buffer.from(content), name, { compress })
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** A request with a syntactically valid SigV4 Authorization header (signatures are not checked). */
function signedFetch(url: string, service: 's3' | 'iot', init: RequestInit = {}) {
  return fetch(url, {
    ...init,
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`,
      ...(init.headers as Record<string, string> | undefined),
    },
  })
}

describe('S3 bucket versioning', () => {
  it('reports Enabled, Suspended, and no Status for a never-versioned bucket; unknown bucket is NoSuchBucket', async () => {
    const { s3 } = await start({
      buckets: { on: {}, off: { versioning: 'Suspended' }, never: { versioning: 'never' } },
    })
    const status = async (Bucket: string) =>
      (await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status
    expect(await status('on')).toBe('Enabled')
    expect(await status('off')).toBe('Suspended')
    expect(await status('never')).toBeUndefined()
    await expect(status('missing')).rejects.toMatchObject({
      name: 'NoSuchBucket',
      $metadata: expect.objectContaining({ httpStatusCode: 404 }),
    })
    await s3.send(
      new PutBucketVersioningCommand({
        Bucket: 'never',
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    )
    expect(await status('never')).toBe('Enabled')
  })

  it('gives no version id in buckets that are not versioning-enabled, and overwrites the null version', async () => {
    const { s3, aws } = await start({
      buckets: { never: { versioning: 'never' }, off: { versioning: 'Suspended' } },
    })
    for (const Bucket of ['never', 'off']) {
      const first = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'one' }))
      const second = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'two' }))
      expect([first.VersionId, second.VersionId]).toEqual([undefined, undefined])
      const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'k' }))
      expect(head.VersionId).toBeUndefined()
      expect(head.ContentLength).toBe(3)
      expect(
        aws.state.buckets
          .get(Bucket)
          ?.objects.get('k')
          ?.map((v) => v.versionId),
      ).toEqual(['null'])
    }
  })
})

describe('S3 objects', () => {
  it('stores a Buffer put with ChecksumSHA256 as a new version, with metadata and SSE, and HeadObject returns the checksum', async () => {
    const { s3, aws } = await start({ buckets: { b: {} } })
    const body = Buffer.from('{"bomFormat":"CycloneDX"}')
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'b',
        Key: 'sbom/fw/1.0/abc.zip',
        Body: body,
        ChecksumSHA256: sha256(body),
        ContentType: 'application/zip',
        Metadata: { 'commit-sha': 'abc' },
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: 'alias/sbom',
      }),
    )
    expect(put.VersionId).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(put.ChecksumSHA256).toBe(sha256(body))
    expect(put.ETag).toBe(`"${createHash('md5').update(body).digest('hex')}"`)
    expect(put.ServerSideEncryption).toBe('aws:kms')

    const again = await s3.send(
      new PutObjectCommand({ Bucket: 'b', Key: 'sbom/fw/1.0/abc.zip', Body: Buffer.from('2') }),
    )
    expect(again.VersionId).not.toBe(put.VersionId)

    const head = await s3.send(
      new HeadObjectCommand({
        Bucket: 'b',
        Key: 'sbom/fw/1.0/abc.zip',
        VersionId: put.VersionId,
        ChecksumMode: 'ENABLED',
      }),
    )
    expect(head).toMatchObject({
      ChecksumSHA256: sha256(body),
      ChecksumType: 'FULL_OBJECT',
      VersionId: put.VersionId,
      ContentLength: body.length,
      ContentType: 'application/zip',
      ETag: put.ETag,
      Metadata: { 'commit-sha': 'abc' },
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'alias/sbom',
    })
    expect(head.LastModified).toBeInstanceOf(Date)
    const withoutMode = await s3.send(
      new HeadObjectCommand({ Bucket: 'b', Key: 'sbom/fw/1.0/abc.zip', VersionId: put.VersionId }),
    )
    expect(withoutMode.ChecksumSHA256).toBeUndefined()

    const stored = aws.state.buckets.get('b')?.objects.get('sbom/fw/1.0/abc.zip')
    expect(stored?.map((v) => v.versionId)).toEqual([put.VersionId, again.VersionId])
    expect(stored?.[0]).toMatchObject({
      sha256: sha256(body),
      checksum: { algorithm: 'SHA256', value: sha256(body) },
      upload: { awsChunked: false, checksumIn: 'header' },
      contentType: 'application/zip',
      metadata: { 'commit-sha': 'abc' },
      sse: 'aws:kms',
      kmsKeyId: 'alias/sbom',
    })
    expect(stored?.[0]?.body.equals(body)).toBe(true)
  })

  it('keeps the CRC32 the SDK adds to a plain Buffer by default, and GetObject passes the SDK response check', async () => {
    const { s3, aws } = await start({ buckets: { b: {} } })
    const body = Buffer.from('default checksum')
    const put = await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body }))
    expect(put.ChecksumCRC32).toBeTruthy()
    expect(aws.state.buckets.get('b')?.objects.get('k')?.[0]?.checksum.algorithm).toBe('CRC32')
    // The SDK asks GetObject for checksums by default and verifies the body against them.
    const got = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }))
    expect(got.ChecksumCRC32).toBe(put.ChecksumCRC32)
    expect(await got.Body?.transformToString()).toBe('default checksum')
  })

  it('verifies the checksums the SDK computes with CRC32C, CRC64NVME and SHA1 (long bodies)', async () => {
    const { s3, aws } = await start({ buckets: { b: {} } })
    const body = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256))
    for (const algorithm of ['CRC32C', 'CRC64NVME', 'SHA1'] as const) {
      await s3.send(
        new PutObjectCommand({
          Bucket: 'b',
          Key: algorithm,
          Body: body,
          ChecksumAlgorithm: algorithm,
        }),
      )
      expect(aws.state.buckets.get('b')?.objects.get(algorithm)?.[0]?.checksum.algorithm).toBe(
        algorithm,
      )
      const got = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: algorithm }))
      expect(Buffer.from((await got.Body?.transformToByteArray()) ?? []).equals(body)).toBe(true)
    }
  })

  it('stores a CRC64NVME of its own for an upload without any checksum, as S3 does', async () => {
    const { s3, aws } = await start(
      { buckets: { b: {} } },
      { requestChecksumCalculation: 'WHEN_REQUIRED' },
    )
    const body = Buffer.from('no checksum sent '.repeat(100))
    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body }))
    const stored = aws.state.buckets.get('b')?.objects.get('k')?.[0]
    expect(stored?.upload).toEqual({ awsChunked: false, checksumIn: 'none' })
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: 'b', Key: 'k', ChecksumMode: 'ENABLED' }),
    )
    expect(head.ChecksumCRC64NVME).toBe(stored?.checksum.value)
    expect(head.ChecksumSHA256).toBeUndefined()
    // The SDK checks the body against the CRC64NVME with its own implementation.
    const got = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }))
    expect(await got.Body?.transformToString()).toBe(body.toString())
  })

  it('decodes a streamed aws-chunked upload with a trailing SHA-256', async () => {
    const { s3, aws } = await start({ buckets: { b: {} } })
    const parts = [Buffer.from('a'.repeat(70_000)), Buffer.from('b'.repeat(50_000))]
    const body = Buffer.concat(parts)
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'b',
        Key: 'stream',
        Body: Readable.from(parts),
        ContentLength: body.length,
        ChecksumAlgorithm: 'SHA256',
      }),
    )
    expect(put.VersionId).toBeTruthy()
    expect(put.ChecksumSHA256).toBe(sha256(body))
    const stored = aws.state.buckets.get('b')?.objects.get('stream')?.[0]
    expect(stored?.upload).toEqual({ awsChunked: true, checksumIn: 'trailer' })
    expect(stored?.body.equals(body)).toBe(true)
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: 'b', Key: 'stream', ChecksumMode: 'ENABLED' }),
    )
    expect(head.ChecksumSHA256).toBe(sha256(body))
  })

  it('rejects wrong checksums in a header, a trailer or Content-MD5 with BadDigest and stores nothing', async () => {
    const { s3, aws } = await start({ buckets: { b: {} } })
    const body = Buffer.from('payload')
    await expect(
      s3.send(
        new PutObjectCommand({
          Bucket: 'b',
          Key: 'k',
          Body: body,
          ChecksumSHA256: sha256('other'),
        }),
      ),
    ).rejects.toMatchObject({
      name: 'BadDigest',
      message: 'The SHA256 you specified did not match the calculated checksum.',
      $metadata: expect.objectContaining({ httpStatusCode: 400 }),
    })
    await expect(
      s3.send(
        new PutObjectCommand({
          Bucket: 'b',
          Key: 'k',
          Body: body,
          ContentMD5: createHash('md5').update('other').digest('base64'),
        }),
      ),
    ).rejects.toMatchObject({ name: 'BadDigest' })
    await expect(
      s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ChecksumSHA256: 'short' })),
    ).rejects.toMatchObject({ name: 'InvalidRequest' })

    // The SDK always computes trailers right, so send a corrupted one by hand.
    const framed = `7\r\npayload\r\n0\r\nx-amz-checksum-sha256:${sha256('other')}\r\n\r\n`
    const response = await signedFetch(`${aws.endpoint}/b/k`, 's3', {
      method: 'PUT',
      headers: {
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': '7',
        'x-amz-trailer': 'x-amz-checksum-sha256',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      },
      body: framed,
    })
    expect(response.status).toBe(400)
    expect(response.headers.get('x-amz-request-id')).toBeTruthy()
    expect(await response.text()).toMatch(
      /<Error><Code>BadDigest<\/Code><Message>The SHA256 you specified did not match the calculated checksum.<\/Message><RequestId>/,
    )
    expect(aws.state.buckets.get('b')?.objects.get('k')).toBeUndefined()
  })

  it('answers missing objects and versions with 404s the SDK understands', async () => {
    const { s3 } = await start({ buckets: { b: {} } })
    await expect(s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'nope' }))).rejects.toMatchObject(
      {
        name: 'NoSuchKey',
      },
    )
    await expect(
      s3.send(new HeadObjectCommand({ Bucket: 'b', Key: 'nope' })),
    ).rejects.toMatchObject({
      name: 'NotFound',
      $metadata: expect.objectContaining({ httpStatusCode: 404 }),
    })
    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }))
    await expect(
      s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k', VersionId: 'not-a-version' })),
    ).rejects.toMatchObject({ name: 'NoSuchVersion' })
  })

  it('refuses a KMS key id without aws:kms encryption, as S3 does', async () => {
    const { s3 } = await start({ buckets: { b: {} } })
    await expect(
      s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x', SSEKMSKeyId: 'alias/k' })),
    ).rejects.toMatchObject({ name: 'InvalidArgument' })
  })
})

describe('S3 listings', () => {
  it('lists object versions newest first per key, and pages with key and version-id markers', async () => {
    const { s3 } = await start({ buckets: { b: {} } })
    const put = async (Key: string, Body: string) =>
      (await s3.send(new PutObjectCommand({ Bucket: 'b', Key, Body }))).VersionId
    const a1 = await put('p/a', 'a1')
    const a2 = await put('p/a', 'a22')
    const b1 = await put('p/b', 'b1')
    await put('other', 'x')

    const all = await s3.send(new ListObjectVersionsCommand({ Bucket: 'b', Prefix: 'p/' }))
    expect(all.IsTruncated).toBe(false)
    expect(all.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest, v.Size])).toEqual([
      ['p/a', a2, true, 3],
      ['p/a', a1, false, 2],
      ['p/b', b1, true, 2],
    ])
    expect(all.Versions?.[0]?.ETag).toMatch(/^"[0-9a-f]{32}"$/)
    expect(all.Versions?.[0]?.LastModified).toBeInstanceOf(Date)

    const seen: (string | undefined)[] = []
    let markers: { KeyMarker?: string; VersionIdMarker?: string } = {}
    for (let page = 0; page < 5; page += 1) {
      const answer = await s3.send(
        new ListObjectVersionsCommand({ Bucket: 'b', Prefix: 'p/', MaxKeys: 1, ...markers }),
      )
      seen.push(...(answer.Versions ?? []).map((v) => v.VersionId))
      if (!answer.IsTruncated) break
      markers = { KeyMarker: answer.NextKeyMarker, VersionIdMarker: answer.NextVersionIdMarker }
    }
    expect(seen).toEqual([a2, a1, b1])
  })

  it('lists the latest objects with ListObjectsV2, with delimiter and continuation tokens', async () => {
    const { s3 } = await start({ buckets: { b: {} } })
    for (const Key of ['sbom/a.zip', 'sbom/b.zip', 'sbom/b.zip', 'sbom/x/c.zip', 'top.txt'])
      await s3.send(new PutObjectCommand({ Bucket: 'b', Key, Body: Key }))
    const flat = await s3.send(new ListObjectsV2Command({ Bucket: 'b', Prefix: 'sbom/' }))
    expect(flat.Contents?.map((o) => o.Key)).toEqual(['sbom/a.zip', 'sbom/b.zip', 'sbom/x/c.zip'])
    expect(flat.KeyCount).toBe(3)
    const nested = await s3.send(
      new ListObjectsV2Command({ Bucket: 'b', Prefix: 'sbom/', Delimiter: '/' }),
    )
    expect(nested.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['sbom/x/'])
    const first = await s3.send(new ListObjectsV2Command({ Bucket: 'b', MaxKeys: 2 }))
    const rest = await s3.send(
      new ListObjectsV2Command({ Bucket: 'b', ContinuationToken: first.NextContinuationToken }),
    )
    expect(first.IsTruncated).toBe(true)
    expect([...(first.Contents ?? []), ...(rest.Contents ?? [])].map((o) => o.Key)).toEqual([
      'sbom/a.zip',
      'sbom/b.zip',
      'sbom/x/c.zip',
      'top.txt',
    ])
  })
})

describe('IoT package catalog', () => {
  const packages = { fw: { versions: { '1.0': {} } } }
  const ref = Object.freeze({ packageName: 'fw', versionName: '1.0' })
  const token = 'a'.repeat(40)

  async function upload(s3: S3Client, body: Buffer | string, Key = 'sbom.zip'): Promise<string> {
    const put = await s3.send(new PutObjectCommand({ Bucket: 'b', Key, Body: body }))
    return put.VersionId ?? ''
  }

  const associate = (iot: IoTClient, version: string, clientToken = token, key = 'sbom.zip') =>
    iot.send(
      new AssociateSbomWithPackageVersionCommand({
        ...ref,
        sbom: { s3Location: { bucket: 'b', key, version } },
        clientToken,
      }),
    )

  async function poll(iot: IoTClient, times: number): Promise<(string | undefined)[]> {
    const statuses = []
    for (let count = 0; count < times; count += 1)
      statuses.push((await iot.send(new GetPackageVersionCommand(ref))).sbomValidationStatus)
    return statuses
  }

  it('answers IN_PROGRESS, then the verdict after the scripted number of polls (default 1)', async () => {
    const { s3, iot, aws } = await start({ buckets: { b: {} }, packages })
    const version = await upload(s3, await zipOf({ 'a.cdx.json': cyclonedx('1.4') }))
    const associated = await associate(iot, version)
    expect(associated).toMatchObject({
      packageName: 'fw',
      versionName: '1.0',
      sbom: { s3Location: { bucket: 'b', key: 'sbom.zip', version } },
      sbomValidationStatus: 'IN_PROGRESS',
    })
    expect(await poll(iot, 3)).toEqual(['IN_PROGRESS', 'SUCCEEDED', 'SUCCEEDED'])
    const described = await iot.send(new GetPackageVersionCommand(ref))
    expect(described).toMatchObject({
      packageVersionArn: 'arn:aws:iot:us-east-1:123456789012:package/fw/version/1.0',
      status: 'DRAFT',
      sbom: { s3Location: { bucket: 'b', key: 'sbom.zip', version } },
    })
    expect(described.creationDate).toBeInstanceOf(Date)
    const results = await iot.send(new ListSbomValidationResultsCommand(ref))
    expect(results.validationResultSummaries).toEqual([
      { fileName: 'a.cdx.json', validationResult: 'SUCCEEDED' },
    ])
    expect(aws.state.associations).toMatchObject([
      { clientToken: token, outcome: 'associated', s3Location: { version } },
    ])

    aws.script({ validation: { outcome: 'SUCCEEDED', afterPolls: 3 } })
    await iot.send(new DisassociateSbomFromPackageVersionCommand(ref))
    expect((await iot.send(new GetPackageVersionCommand(ref))).sbom).toBeUndefined()
    await associate(iot, version, 'b'.repeat(40))
    expect(await poll(iot, 4)).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'SUCCEEDED'])
  })

  it('stays IN_PROGRESS forever with outcome NEVER', async () => {
    const { s3, iot } = await start({
      buckets: { b: {} },
      packages,
      validation: { outcome: 'NEVER' },
    })
    await associate(iot, await upload(s3, cyclonedx('1.5'), 'sbom.json'), token, 'sbom.json')
    expect(new Set(await poll(iot, 6))).toEqual(new Set(['IN_PROGRESS']))
    expect(
      (await iot.send(new ListSbomValidationResultsCommand(ref))).validationResultSummaries,
    ).toEqual([])
  })

  it('reads the uploaded zip: an unaccepted spec version FAILS per file, and the results page with nextToken', async () => {
    const { s3, iot } = await start({
      buckets: { b: {} },
      packages,
      acceptedSpecVersions: ['1.4'],
      validation: { outcome: 'SUCCEEDED', afterPolls: 0 },
    })
    const zip = await zipOf({
      'a.json': cyclonedx('1.6'),
      'b.json': cyclonedx('1.7'),
      'c.json': cyclonedx('1.4'),
    })
    await associate(iot, await upload(s3, zip))
    // Nothing to list before the verdict is out.
    expect(
      (await iot.send(new ListSbomValidationResultsCommand({ ...ref, validationResult: 'FAILED' })))
        .validationResultSummaries,
    ).toEqual([])
    expect(await poll(iot, 1)).toEqual(['FAILED'])

    const first = await iot.send(
      new ListSbomValidationResultsCommand({ ...ref, validationResult: 'FAILED', maxResults: 1 }),
    )
    expect(first.validationResultSummaries).toHaveLength(1)
    expect(first.nextToken).toBeTruthy()
    const second = await iot.send(
      new ListSbomValidationResultsCommand({
        ...ref,
        validationResult: 'FAILED',
        maxResults: 1,
        nextToken: first.nextToken,
      }),
    )
    expect(second.nextToken).toBeUndefined()
    expect(
      [...(first.validationResultSummaries ?? []), ...(second.validationResultSummaries ?? [])].map(
        (r) => [r.fileName, r.validationResult, r.errorCode],
      ),
    ).toEqual([
      ['a.json', 'FAILED', 'INCOMPATIBLE_FORMAT'],
      ['b.json', 'FAILED', 'INCOMPATIBLE_FORMAT'],
    ])
    expect(first.validationResultSummaries?.[0]?.errorMessage).toMatch(
      /^Unsupported SBOM format: CycloneDX 1\.6/,
    )

    // The SDK's own paginator follows nextToken too. It writes nextToken and maxResults into the
    // input it is given, so it gets a copy.
    const paged = []
    for await (const page of paginateListSbomValidationResults(
      { client: iot, pageSize: 1 },
      { ...ref },
    ))
      paged.push(...(page.validationResultSummaries ?? []).map((r) => r.fileName))
    expect(paged).toEqual(['a.json', 'b.json', 'c.json'])
    await expect(
      iot.send(new ListSbomValidationResultsCommand({ ...ref, nextToken: 'forged' })),
    ).rejects.toMatchObject({ name: 'ValidationException' })
  })

  it('fails files that are too large, not JSON or not CycloneDX; stored zip entries are read too', async () => {
    const { s3, iot } = await start({
      buckets: { b: {} },
      packages,
      maxSbomFileBytes: 1000,
      validation: { outcome: 'SUCCEEDED', afterPolls: 0 },
    })
    const big = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.4',
      pad: 'x'.repeat(2000),
    })
    const zip = await zipOf(
      {
        'big.json': big,
        'broken.json': '{"bomFormat":',
        'spdx.json': JSON.stringify({ spdxVersion: 'SPDX-2.3' }),
        'ok.json': cyclonedx('1.5'),
        'README.txt': 'not checked',
      },
      false,
    )
    await associate(iot, await upload(s3, zip))
    expect(await poll(iot, 1)).toEqual(['FAILED'])
    const results = await iot.send(new ListSbomValidationResultsCommand(ref))
    expect(
      results.validationResultSummaries?.map((r) => [r.fileName, r.validationResult, r.errorCode]),
    ).toEqual([
      ['big.json', 'FAILED', 'FILE_SIZE_LIMIT_EXCEEDED'],
      ['broken.json', 'FAILED', 'INCOMPATIBLE_FORMAT'],
      ['spdx.json', 'FAILED', 'INCOMPATIBLE_FORMAT'],
      ['ok.json', 'SUCCEEDED', undefined],
    ])
  })

  it('adds scripted failures when the scripted outcome is FAILED', async () => {
    const { s3, iot } = await start({
      buckets: { b: {} },
      packages,
      validation: {
        outcome: 'FAILED',
        afterPolls: 2,
        failures: [{ errorCode: 'INCOMPATIBLE_FORMAT', errorMessage: 'Missing component hashes' }],
      },
    })
    await associate(iot, await upload(s3, await zipOf({ 'fw.cdx.json': cyclonedx('1.4') })))
    expect(await poll(iot, 3)).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'FAILED'])
    const failed = await iot.send(
      new ListSbomValidationResultsCommand({ ...ref, validationResult: 'FAILED' }),
    )
    expect(failed.validationResultSummaries).toEqual([
      {
        fileName: 'fw.cdx.json',
        validationResult: 'FAILED',
        errorCode: 'INCOMPATIBLE_FORMAT',
        errorMessage: 'Missing component hashes',
      },
    ])
  })

  it('replays a reused token with the same parameters and refuses it with others (ConflictException)', async () => {
    const { s3, iot, aws } = await start({ buckets: { b: {} }, packages })
    const v1 = await upload(s3, cyclonedx('1.4'))
    const v2 = await upload(s3, cyclonedx('1.5'))
    const { $metadata: _first, ...first } = await associate(iot, v1)
    const { $metadata: _replay, ...replay } = await associate(iot, v1)
    expect(replay).toEqual(first)
    const conflict = associate(iot, v2)
    await expect(conflict).rejects.toMatchObject({
      name: 'ConflictException',
      $metadata: expect.objectContaining({ httpStatusCode: 409 }),
    })
    expect(aws.state.associations.map((a) => [a.outcome, a.errorCode])).toEqual([
      ['associated', undefined],
      ['replayed', undefined],
      ['rejected', 'ConflictException'],
    ])
    expect(aws.state.packages.get('fw')?.versions.get('1.0')?.sbom?.version).toBe(v1)
  })

  it('refuses a short client token and an S3 object version that does not exist (ValidationException)', async () => {
    const { s3, iot } = await start({ buckets: { b: {} }, packages })
    const version = await upload(s3, cyclonedx('1.4'))
    await expect(associate(iot, version, 'deadbeef')).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('clientToken'),
    })
    await expect(associate(iot, 'no-such-version')).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('no-such-version'),
    })
    // A refused call does not use up the token.
    await expect(associate(iot, version)).resolves.toMatchObject({
      sbomValidationStatus: 'IN_PROGRESS',
    })
  })

  it('answers missing packages and versions with ResourceNotFoundException (404)', async () => {
    const { s3, iot } = await start({ buckets: { b: {} }, packages })
    await expect(
      iot.send(new GetPackageVersionCommand({ packageName: 'nope', versionName: '1' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: expect.objectContaining({ httpStatusCode: 404 }),
    })
    const version = await upload(s3, cyclonedx('1.4'))
    await expect(
      iot.send(
        new AssociateSbomWithPackageVersionCommand({
          packageName: 'fw',
          versionName: '9.9',
          sbom: { s3Location: { bucket: 'b', key: 'sbom.zip', version } },
          clientToken: token,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' })
    await expect(
      iot.send(new GetPackageVersionCommand({ packageName: 'fw', versionName: 'v 1' })),
    ).rejects.toMatchObject({ name: 'ValidationException' })
  })

  it('creates packages and versions (DRAFT), refuses duplicates, publishes and disassociates', async () => {
    const { iot } = await start({})
    await expect(
      iot.send(new CreatePackageVersionCommand({ packageName: 'new', versionName: '1' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' })
    const created = await iot.send(
      new CreatePackageCommand({ packageName: 'new', description: 'firmware' }),
    )
    expect(created).toMatchObject({
      packageName: 'new',
      packageArn: 'arn:aws:iot:us-east-1:123456789012:package/new',
    })
    await expect(iot.send(new CreatePackageCommand({ packageName: 'new' }))).rejects.toMatchObject({
      name: 'ConflictException',
    })
    const version = await iot.send(
      new CreatePackageVersionCommand({
        packageName: 'new',
        versionName: '1',
        attributes: { commit: 'abc' },
      }),
    )
    expect(version).toMatchObject({ status: 'DRAFT', attributes: { commit: 'abc' } })
    await expect(
      iot.send(new CreatePackageVersionCommand({ packageName: 'new', versionName: '1' })),
    ).rejects.toMatchObject({ name: 'ConflictException' })
    expect(await iot.send(new GetPackageCommand({ packageName: 'new' }))).toMatchObject({
      description: 'firmware',
      creationDate: expect.any(Date),
    })
    await iot.send(
      new UpdatePackageVersionCommand({ packageName: 'new', versionName: '1', action: 'PUBLISH' }),
    )
    expect(
      (await iot.send(new GetPackageVersionCommand({ packageName: 'new', versionName: '1' })))
        .status,
    ).toBe('PUBLISHED')
  })
})

describe('faults', () => {
  it('throttles IoT; the SDK retries and the request log shows it', async () => {
    const { iot, aws } = await start({
      packages: { fw: { versions: { '1.0': {} } } },
      faults: [{ service: 'iot', operation: 'GetPackageVersion', kind: 'throttle', count: 1 }],
    })
    const answer = await iot.send(
      new GetPackageVersionCommand({ packageName: 'fw', versionName: '1.0' }),
    )
    expect(answer.status).toBe('DRAFT')
    expect(answer.$metadata.attempts).toBe(2)
    expect(aws.requests.map((r) => [r.operation, r.status, r.errorCode])).toEqual([
      ['GetPackageVersion', 400, 'ThrottlingException'],
      ['GetPackageVersion', 200, undefined],
    ])
  })

  it('drops connections and answers 500s; the SDK retries both', async () => {
    const { iot, aws } = await start({
      packages: { fw: { versions: { '1.0': {} } } },
      faults: [
        { service: 'iot', kind: 'reset', count: 1 },
        { service: 'iot', kind: 'internal-error', count: 1 },
      ],
    })
    await iot.send(new GetPackageCommand({ packageName: 'fw' }))
    expect(aws.requests.map((r) => [r.status, r.fault])).toEqual([
      [-1, 'reset'],
      [500, 'internal-error'],
      [200, undefined],
    ])
  })

  it('answers S3 with 503 SlowDown and resets; a Buffer PutObject is retried and stored once', async () => {
    const { s3, aws } = await start({
      buckets: { b: {} },
      faults: [
        { service: 's3', operation: 'PutObject', kind: 'slow-down', count: 1 },
        { service: 's3', operation: 'PutObject', kind: 'reset', count: 1 },
      ],
    })
    const put = await s3.send(
      new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: Buffer.from('x') }),
    )
    expect(put.VersionId).toBeTruthy()
    expect(aws.requests.map((r) => [r.status, r.errorCode])).toEqual([
      [503, 'SlowDown'],
      [-1, undefined],
      [200, undefined],
    ])
    expect(aws.state.buckets.get('b')?.objects.get('k')).toHaveLength(1)
  })

  it('delays answers and can be rescripted while running; an exhausted SDK reports the error', async () => {
    const { s3, aws } = await start({ buckets: { b: {} } })
    aws.script({ faults: [{ service: 's3', kind: 'delay', delayMs: 300, count: 1 }] })
    const started = Date.now()
    await s3.send(new GetBucketVersioningCommand({ Bucket: 'b' }))
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    aws.script({ faults: [{ service: 's3', kind: 'internal-error', count: 5 }] })
    await expect(s3.send(new GetBucketVersioningCommand({ Bucket: 'b' }))).rejects.toMatchObject({
      name: 'InternalError',
      $metadata: expect.objectContaining({ attempts: 3 }),
    })
  })
})

describe('client tokens', () => {
  const token = 't'.repeat(40)
  const createVersion = (iot: IoTClient, versionName: string, clientToken = token) =>
    iot.send(new CreatePackageVersionCommand({ packageName: 'fw', versionName, clientToken }))

  it('are scoped per operation: the same token on another operation is independent, a replay has no side effects', async () => {
    const { iot, aws } = await start()
    const created = await iot.send(
      new CreatePackageCommand({ packageName: 'fw', description: 'one', clientToken: token }),
    )
    // The package exists now, so only a replay (no second run) can answer this without Conflict.
    const { $metadata: _m1, ...replayed } = await iot.send(
      new CreatePackageCommand({ packageName: 'fw', description: 'one', clientToken: token }),
    )
    const { $metadata: _m2, ...first } = created
    expect(replayed).toEqual(first)
    // Same token, another operation: a request of its own.
    expect(await createVersion(iot, '1.0')).toMatchObject({ versionName: '1.0', status: 'DRAFT' })
    await expect(createVersion(iot, '2.0')).rejects.toMatchObject({
      name: 'ConflictException',
      message: expect.stringContaining(`client token ${token}`),
      $metadata: expect.objectContaining({ httpStatusCode: 409 }),
    })
    expect([...(aws.state.packages.get('fw')?.versions.keys() ?? [])]).toEqual(['1.0'])
    expect([...aws.state.clientTokens.keys()]).toEqual([
      `CreatePackage ${token}`,
      `CreatePackageVersion ${token}`,
    ])
    expect(aws.state.clientTokens.get(`CreatePackage ${token}`)?.storedAt).toBeGreaterThan(0)
  })

  it('are remembered forever by default: a reuse with other parameters is a ConflictException', async () => {
    const { iot, aws } = await start({ packages: { fw: { versions: {} } } })
    await createVersion(iot, '1.0')
    await new Promise((resolve) => setTimeout(resolve, 50))
    await expect(createVersion(iot, '2.0')).rejects.toMatchObject({ name: 'ConflictException' })
    expect(aws.state.packages.get('fw')?.versions.has('2.0')).toBe(false)
  })

  it('are forgotten after clientTokenLifetimeMs: a reuse then runs as a new request', async () => {
    const { iot, aws } = await start({
      packages: { fw: { versions: {} } },
      clientTokenLifetimeMs: 0,
    })
    await createVersion(iot, '1.0')
    expect(await createVersion(iot, '2.0')).toMatchObject({ versionName: '2.0' })

    aws.script({ clientTokenLifetimeMs: 200 })
    await createVersion(iot, '3.0', 'u'.repeat(40))
    // Within the lifetime: remembered.
    await expect(createVersion(iot, '4.0', 'u'.repeat(40))).rejects.toMatchObject({
      name: 'ConflictException',
    })
    await new Promise((resolve) => setTimeout(resolve, 250))
    expect(await createVersion(iot, '4.0', 'u'.repeat(40))).toMatchObject({ versionName: '4.0' })

    // Back to forever.
    aws.script({ clientTokenLifetimeMs: undefined })
    await createVersion(iot, '5.0', 'v'.repeat(40))
    await new Promise((resolve) => setTimeout(resolve, 250))
    await expect(createVersion(iot, '6.0', 'v'.repeat(40))).rejects.toMatchObject({
      name: 'ConflictException',
    })
    expect([...(aws.state.packages.get('fw')?.versions.keys() ?? [])]).toEqual([
      '1.0',
      '2.0',
      '3.0',
      '4.0',
      '5.0',
    ])
  })
})

describe('package version lifecycle', () => {
  const ref = Object.freeze({ packageName: 'fw', versionName: '1.0' })
  const update = (iot: IoTClient, input: Partial<UpdatePackageVersionCommandInput>) =>
    iot.send(new UpdatePackageVersionCommand({ ...ref, ...input }))
  const status = async (iot: IoTClient) =>
    (await iot.send(new GetPackageVersionCommand(ref))).status

  it('allows DRAFT→PUBLISHED→DEPRECATED→PUBLISHED and refuses every other action with ConflictException', async () => {
    const { iot } = await start({ packages: { fw: { versions: { '1.0': {} } } } })
    await expect(update(iot, { action: 'DEPRECATE' })).rejects.toMatchObject({
      name: 'ConflictException',
      message: expect.stringMatching(/is DRAFT: action DEPRECATE is not allowed/),
      $metadata: expect.objectContaining({ httpStatusCode: 409 }),
    })
    // While DRAFT, attributes may change, in the same call as PUBLISH too.
    await update(iot, { action: 'PUBLISH', attributes: { commit: 'abc' }, description: 'd' })
    expect(await iot.send(new GetPackageVersionCommand(ref))).toMatchObject({
      status: 'PUBLISHED',
      attributes: { commit: 'abc' },
      description: 'd',
    })
    await expect(update(iot, { action: 'PUBLISH' })).rejects.toMatchObject({
      name: 'ConflictException',
      message: expect.stringMatching(/is PUBLISHED: action PUBLISH is not allowed/),
    })
    await update(iot, { action: 'DEPRECATE' })
    expect(await status(iot)).toBe('DEPRECATED')
    await expect(update(iot, { action: 'DEPRECATE' })).rejects.toMatchObject({
      name: 'ConflictException',
      message: expect.stringMatching(/is DEPRECATED: action DEPRECATE is not allowed/),
    })
    await update(iot, { action: 'PUBLISH' })
    expect(await status(iot)).toBe('PUBLISHED')
    await expect(
      update(iot, { action: 'RETIRE' as UpdatePackageVersionCommandInput['action'] }),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('[DEPRECATE, PUBLISH]'),
    })
  })

  it('refuses description and attribute changes unless DRAFT, and keeps the old values', async () => {
    const { iot } = await start({
      packages: {
        fw: { versions: { '1.0': { status: 'PUBLISHED' }, '2.0': { status: 'DEPRECATED' } } },
      },
    })
    for (const versionName of ['1.0', '2.0']) {
      await expect(
        update(iot, { versionName, attributes: { commit: 'abc' } }),
      ).rejects.toMatchObject({
        name: 'ConflictException',
        message: expect.stringContaining('attributes can only be changed while DRAFT'),
      })
      await expect(update(iot, { versionName, description: 'new' })).rejects.toMatchObject({
        name: 'ConflictException',
      })
      const unchanged = await iot.send(
        new GetPackageVersionCommand({ packageName: 'fw', versionName }),
      )
      expect([unchanged.attributes, unchanged.description]).toEqual([{}, undefined])
    }
  })
})

describe('SBOM association switches', () => {
  const ref = Object.freeze({ packageName: 'fw', versionName: '1.0' })

  async function setup(options: EmulatorOptions) {
    const started = await start({ buckets: { b: {} }, ...options })
    const upload = async (body: string) =>
      (await started.s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'sbom.json', Body: body })))
        .VersionId ?? ''
    const associate = (version: string, clientToken: string) =>
      started.iot.send(
        new AssociateSbomWithPackageVersionCommand({
          ...ref,
          sbom: { s3Location: { bucket: 'b', key: 'sbom.json', version } },
          clientToken,
        }),
      )
    const disassociate = () => started.iot.send(new DisassociateSbomFromPackageVersionCommand(ref))
    const current = () => started.aws.state.packages.get('fw')?.versions.get('1.0')
    return { ...started, upload, associate, disassociate, current }
  }

  it('sbomOnPublishedVersion refuse (default): no SBOM change unless DRAFT; the refusal uses up no token', async () => {
    const seeded = { bucket: 'b', key: 'old.json', version: 'v0' }
    const { aws, upload, associate, disassociate, current, iot } = await setup({
      packages: { fw: { versions: { '1.0': { status: 'PUBLISHED', sbom: seeded } } } },
    })
    expect(await iot.send(new GetPackageVersionCommand(ref))).toMatchObject({
      sbom: { s3Location: seeded },
      sbomValidationStatus: 'SUCCEEDED',
    })
    const version = await upload(cyclonedx('1.5'))
    await expect(associate(version, 'a'.repeat(40))).rejects.toMatchObject({
      name: 'ConflictException',
      message:
        'Package version fw/1.0 is PUBLISHED: its SBOM can only be changed while DRAFT (emulator setting sbomOnPublishedVersion)',
      $metadata: expect.objectContaining({ httpStatusCode: 409 }),
    })
    await expect(disassociate()).rejects.toMatchObject({ name: 'ConflictException' })
    expect(current()?.sbom).toEqual(seeded)

    aws.script({ sbomOnPublishedVersion: 'accept', associateOverExistingSbom: 'replace' })
    await expect(associate(version, 'a'.repeat(40))).resolves.toMatchObject({
      sbomValidationStatus: 'IN_PROGRESS',
    })
    expect(current()?.sbom).toEqual({ bucket: 'b', key: 'sbom.json', version })
  })

  it('sbomOnPublishedVersion accept: associates and disassociates on a DEPRECATED version', async () => {
    const { upload, associate, disassociate, current } = await setup({
      packages: { fw: { versions: { '1.0': { status: 'DEPRECATED' } } } },
      sbomOnPublishedVersion: 'accept',
    })
    const version = await upload(cyclonedx('1.5'))
    await associate(version, 'a'.repeat(40))
    expect(current()?.sbom?.version).toBe(version)
    await disassociate()
    expect(current()?.sbom).toBeUndefined()
  })

  it('a replay answers as before even when the version has since been published', async () => {
    const { aws, iot, upload, associate } = await setup({
      packages: { fw: { versions: { '1.0': {} } } },
    })
    const version = await upload(cyclonedx('1.5'))
    const { $metadata: _first, ...first } = await associate(version, 'a'.repeat(40))
    await iot.send(new UpdatePackageVersionCommand({ ...ref, action: 'PUBLISH' }))
    const { $metadata: _again, ...again } = await associate(version, 'a'.repeat(40))
    expect(again).toEqual(first)
    expect(aws.state.associations.map((a) => a.outcome)).toEqual(['associated', 'replayed'])
  })

  it('associateOverExistingSbom conflict (default): another location needs a disassociation first; the same one re-validates', async () => {
    const { aws, upload, associate, disassociate, current } = await setup({
      packages: { fw: { versions: { '1.0': {} } } },
    })
    const v1 = await upload(cyclonedx('1.4'))
    const v2 = await upload(cyclonedx('1.5'))
    await associate(v1, 'a'.repeat(40))
    await expect(associate(v2, 'b'.repeat(40))).rejects.toMatchObject({
      name: 'ConflictException',
      message: expect.stringContaining(
        'Package version fw/1.0 already has an SBOM associated; disassociate it first',
      ),
    })
    expect(current()?.sbom?.version).toBe(v1)
    // The identical location with a new token is accepted and validated again.
    await associate(v1, 'c'.repeat(40))
    expect(current()).toMatchObject({ associations: 2, sbomValidationStatus: 'IN_PROGRESS' })
    await disassociate()
    // The refused token was not used up.
    await associate(v2, 'b'.repeat(40))
    expect(current()?.sbom?.version).toBe(v2)
    expect(aws.state.associations.map((a) => [a.outcome, a.errorCode])).toEqual([
      ['associated', undefined],
      ['rejected', 'ConflictException'],
      ['associated', undefined],
      ['associated', undefined],
    ])
  })

  it('associateOverExistingSbom replace: another location overwrites the SBOM', async () => {
    const { upload, associate, current } = await setup({
      packages: { fw: { versions: { '1.0': {} } } },
      associateOverExistingSbom: 'replace',
    })
    const v1 = await upload(cyclonedx('1.4'))
    const v2 = await upload(cyclonedx('1.5'))
    await associate(v1, 'a'.repeat(40))
    await associate(v2, 'b'.repeat(40))
    expect(current()).toMatchObject({ sbom: { version: v2 }, associations: 2 })
  })
})

describe('IAM', () => {
  it('denies an IoT operation permanently with AccessDeniedException naming the role and action', async () => {
    const { iot, aws } = await start({
      packages: { fw: { versions: { '1.0': {} } } },
      deny: [{ operation: 'GetPackageVersion' }],
    })
    await expect(
      iot.send(new GetPackageVersionCommand({ packageName: 'fw', versionName: '1.0' })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringMatching(
        /^User: arn:aws:sts::123456789012:assumed-role\/github\/run is not authorized to perform: iot:GetPackageVersion on resource: arn:aws:iot:us-east-1:123456789012:package\/fw\/version\/1\.0/,
      ),
      $metadata: expect.objectContaining({ httpStatusCode: 403, attempts: 1 }),
    })
    expect((await iot.send(new GetPackageCommand({ packageName: 'fw' }))).packageName).toBe('fw')
    expect(aws.requests.map((r) => [r.operation, r.status, r.errorCode])).toEqual([
      ['GetPackageVersion', 403, 'AccessDeniedException'],
      ['GetPackage', 200, undefined],
    ])
  })

  it('denies S3 PutObject under a key prefix only, and HeadObject with a bodiless 403', async () => {
    const { s3, aws } = await start({
      buckets: { b: {} },
      deny: [{ operation: 'PutObject', keyPrefix: 'sbom/' }, { operation: 'HeadObject' }],
    })
    await expect(
      s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'sbom/fw.json', Body: 'x' })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'Access Denied',
      $metadata: expect.objectContaining({ httpStatusCode: 403 }),
    })
    expect(aws.state.buckets.get('b')?.objects.has('sbom/fw.json')).toBe(false)
    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'other/fw.json', Body: 'x' }))
    const head = s3.send(new HeadObjectCommand({ Bucket: 'b', Key: 'other/fw.json' }))
    await expect(head).rejects.toMatchObject({
      $metadata: expect.objectContaining({ httpStatusCode: 403 }),
    })
    expect(aws.requests.map((r) => [r.operation, r.status, r.errorCode])).toEqual([
      ['PutObject', 403, 'AccessDenied'],
      ['PutObject', 200, undefined],
      ['HeadObject', 403, 'AccessDenied'],
    ])
    // script() lifts the denial.
    aws.script({ deny: [] })
    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'sbom/fw.json', Body: 'x' }))
    expect(aws.state.buckets.get('b')?.objects.get('sbom/fw.json')).toHaveLength(1)
  })

  it('answers a denied HEAD with no body at all', async () => {
    const { aws } = await start({ buckets: { b: {} }, deny: [{ operation: 'HeadObject' }] })
    const response = await signedFetch(`${aws.endpoint}/b/k`, 's3', { method: 'HEAD' })
    expect(response.status).toBe(403)
    expect(await response.text()).toBe('')
  })

  it("refuses GetBucketVersioning on another account's bucket, everything else works", async () => {
    const { s3 } = await start({ buckets: { shared: { owner: 'other' } } })
    await expect(
      s3.send(new GetBucketVersioningCommand({ Bucket: 'shared' })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: expect.objectContaining({ httpStatusCode: 403 }),
    })
    const put = await s3.send(new PutObjectCommand({ Bucket: 'shared', Key: 'k', Body: 'x' }))
    expect(put.VersionId).toBeTruthy()
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'shared', Key: 'k' }))
    expect(head.VersionId).toBe(put.VersionId)
  })
})

describe('more faults', () => {
  it('conditional-conflict: PutObject gets 409 ConditionalRequestConflict and nothing is stored; other requests do not take it', async () => {
    const { s3, aws } = await start({
      buckets: { b: {} },
      faults: [{ service: 's3', kind: 'conditional-conflict', count: 1 }],
    })
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'b' }))).Status).toBe('Enabled')
    await expect(
      s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x', IfNoneMatch: '*' })),
    ).rejects.toMatchObject({
      name: 'ConditionalRequestConflict',
      message: 'A conflicting operation occurred. If using PutObject you can retry the request.',
      $metadata: expect.objectContaining({ httpStatusCode: 409 }),
    })
    expect(aws.state.buckets.get('b')?.objects.has('k')).toBe(false)
    expect(aws.requests.map((r) => [r.operation, r.status, r.errorCode, r.fault])).toEqual([
      ['GetBucketVersioning', 200, undefined, undefined],
      ['PutObject', 409, 'ConditionalRequestConflict', 'conditional-conflict'],
    ])
  })

  it('hang: the SDK times out (TimeoutError) and a retry gets through', async () => {
    const timeouts = { requestHandler: { requestTimeout: 500, throwOnRequestTimeout: true } }
    const { s3, aws } = await start(
      { buckets: { b: {} }, faults: [{ service: 's3', kind: 'hang', count: 1 }] },
      { ...timeouts, maxAttempts: 1 },
    )
    await expect(s3.send(new GetBucketVersioningCommand({ Bucket: 'b' }))).rejects.toMatchObject({
      name: 'TimeoutError',
    })
    expect(aws.requests.map((r) => [r.status, r.fault])).toEqual([[-2, 'hang']])

    aws.script({ faults: [{ service: 's3', operation: 'PutObject', kind: 'hang', count: 1 }] })
    const retrying = new S3Client({
      endpoint: aws.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      forcePathStyle: true,
      maxAttempts: 2,
      ...timeouts,
    })
    const put = await retrying.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }))
    expect(put.$metadata.attempts).toBe(2)
    expect(aws.state.buckets.get('b')?.objects.get('k')).toHaveLength(1)
    expect(aws.requests.slice(1).map((r) => [r.operation, r.status])).toEqual([
      ['PutObject', -2],
      ['PutObject', 200],
    ])
    retrying.destroy()
  })

  it('close() ends promptly while a request hangs or is delayed', async () => {
    const aws = await startAwsEmulator({
      buckets: { b: {} },
      faults: [
        { service: 's3', operation: 'HeadBucket', kind: 'hang', count: 1 },
        {
          service: 's3',
          operation: 'GetBucketVersioning',
          kind: 'delay',
          delayMs: 60_000,
          count: 1,
        },
      ],
    })
    const hung = signedFetch(`${aws.endpoint}/b`, 's3', { method: 'HEAD' })
    const delayed = signedFetch(`${aws.endpoint}/b?versioning`, 's3')
    while (aws.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 10))
    const started = Date.now()
    await aws.close()
    expect(Date.now() - started).toBeLessThan(1000)
    await expect(hung).rejects.toThrow()
    await expect(delayed).rejects.toThrow()
    expect(aws.requests.map((r) => [r.operation, r.fault, r.status])).toEqual([
      ['HeadBucket', 'hang', -2],
      ['GetBucketVersioning', 'delay', 0],
    ])
  })
})

describe('IoT limits and error reasons', () => {
  const ref = Object.freeze({ packageName: 'fw', versionName: '1.0' })

  it('ListSbomValidationResults takes maxResults 1 to 100', async () => {
    const { iot } = await start({ packages: { fw: { versions: { '1.0': {} } } } })
    await expect(
      iot.send(new ListSbomValidationResultsCommand({ ...ref, maxResults: 101 })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('less than or equal to 100'),
    })
    await expect(
      iot.send(new ListSbomValidationResultsCommand({ ...ref, maxResults: 0 })),
    ).rejects.toMatchObject({ name: 'ValidationException' })
    const page = await iot.send(new ListSbomValidationResultsCommand({ ...ref, maxResults: 100 }))
    expect(page.validationResultSummaries).toEqual([])
  })

  it('returns a seeded errorReason, and the scripted one once a validation ends FAILED', async () => {
    const { s3, iot } = await start({
      buckets: { b: {} },
      packages: { fw: { versions: { '1.0': {}, '2.0': { errorReason: 'Seeded failure' } } } },
      validation: { outcome: 'FAILED', afterPolls: 1, errorReason: 'SBOM validation failed' },
    })
    expect(
      (await iot.send(new GetPackageVersionCommand({ packageName: 'fw', versionName: '2.0' })))
        .errorReason,
    ).toBe('Seeded failure')
    const put = await s3.send(
      new PutObjectCommand({ Bucket: 'b', Key: 'sbom.json', Body: cyclonedx('1.5') }),
    )
    await iot.send(
      new AssociateSbomWithPackageVersionCommand({
        ...ref,
        sbom: { s3Location: { bucket: 'b', key: 'sbom.json', version: put.VersionId } },
      }),
    )
    const pending = await iot.send(new GetPackageVersionCommand(ref))
    expect([pending.sbomValidationStatus, pending.errorReason]).toEqual(['IN_PROGRESS', undefined])
    const final = await iot.send(new GetPackageVersionCommand(ref))
    expect([final.sbomValidationStatus, final.errorReason]).toEqual([
      'FAILED',
      'SBOM validation failed',
    ])
    await iot.send(new DisassociateSbomFromPackageVersionCommand(ref))
    expect((await iot.send(new GetPackageVersionCommand(ref))).errorReason).toBeUndefined()
  })
})

describe('signing', () => {
  it('refuses unsigned requests: S3 with XML AccessDenied, IoT with AccessDeniedException', async () => {
    const { aws } = await start({ buckets: { b: {} }, packages: { fw: { versions: {} } } })
    const s3 = await fetch(`${aws.endpoint}/b?versioning`)
    expect(s3.status).toBe(403)
    expect(await s3.text()).toContain('<Code>AccessDenied</Code>')
    const iot = await fetch(`${aws.endpoint}/packages/fw`)
    expect(iot.status).toBe(403)
    expect(iot.headers.get('x-amzn-errortype')).toBe('AccessDeniedException')
    expect(aws.requests.map((r) => [r.service, r.operation])).toEqual([
      ['s3', 'Unsigned'],
      ['iot', 'Unsigned'],
    ])
    const signed = await signedFetch(`${aws.endpoint}/packages/fw`, 'iot')
    expect(signed.status).toBe(200)
  })
})

describe('cli', () => {
  it('starts with the demo bucket and package, prints the environment and stops on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url))
    const child = spawn(process.execPath, [cli, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      const env: Record<string, string> = {}
      const lines = createInterface({ input: child.stdout })
      for await (const line of lines) {
        const at = line.indexOf('=')
        env[line.slice(0, at)] = line.slice(at + 1)
        if ('AWS_EC2_METADATA_DISABLED' in env) break
      }
      expect(env.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(env.AWS_ENDPOINT_URL_S3).toBe(env.endpoint)
      const config = {
        endpoint: env.endpoint,
        region: env.AWS_REGION,
        credentials: {
          accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
          secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
        },
      }
      const s3 = new S3Client({ ...config, forcePathStyle: true })
      const iot = new IoTClient(config)
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'demo-sboms' }))).Status).toBe(
        'Enabled',
      )
      expect(
        (
          await iot.send(
            new GetPackageVersionCommand({ packageName: 'demo-firmware', versionName: '1.0.0' }),
          )
        ).status,
      ).toBe('DRAFT')
      s3.destroy()
      iot.destroy()
      child.kill('SIGTERM')
      const [code] = (await once(child, 'exit')) as [number | null]
      expect(code).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  })
})
