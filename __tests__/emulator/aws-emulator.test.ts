// The emulator is only worth its tests if it behaves like AWS on the wire: drive it with the real SDK.
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import {
  AssociateSbomWithPackageVersionCommand,
  GetPackageVersionCommand,
  IoTClient,
  ListSbomValidationResultsCommand,
} from '@aws-sdk/client-iot'
import {
  GetBucketVersioningCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import yazl from 'yazl'
import { afterEach, describe, expect, it } from 'vitest'
import { startAwsEmulator, type AwsEmulator, type EmulatorOptions } from './aws-emulator.ts'

let emulator: AwsEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

async function start(options: EmulatorOptions) {
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
    s3: new S3Client({ ...config, forcePathStyle: true }),
    iot: new IoTClient(config),
  }
}

const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('base64')

async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile()
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name)
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

describe('S3', () => {
  it('reports versioning as AWS does, with no Status for a never-versioned bucket', async () => {
    const { s3 } = await start({
      buckets: { on: {}, off: { versioning: 'Suspended' }, never: { versioning: 'never' } },
    })
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'on' }))).Status).toBe('Enabled')
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'off' }))).Status).toBe(
      'Suspended',
    )
    expect(
      (await s3.send(new GetBucketVersioningCommand({ Bucket: 'never' }))).Status,
    ).toBeUndefined()
    await expect(
      s3.send(new GetBucketVersioningCommand({ Bucket: 'missing' })),
    ).rejects.toMatchObject({ name: 'NoSuchBucket' })
  })

  it('stores versions of a Buffer put with a SHA-256 and returns the checksum on HeadObject', async () => {
    const { s3, aws } = await start({ buckets: { b: {} } })
    const body = Buffer.from('first')
    const put = await s3.send(
      new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: body, ChecksumSHA256: sha256(body) }),
    )
    const again = await s3.send(
      new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: Buffer.from('second') }),
    )
    expect(put.VersionId).toBeTruthy()
    expect(again.VersionId).not.toBe(put.VersionId)
    const head = await s3.send(
      new HeadObjectCommand({
        Bucket: 'b',
        Key: 'k',
        VersionId: put.VersionId,
        ChecksumMode: 'ENABLED',
      }),
    )
    expect(head.ChecksumSHA256).toBe(sha256(body))
    const listing = await s3.send(new ListObjectVersionsCommand({ Bucket: 'b', Prefix: 'k' }))
    expect(listing.Versions?.map((v) => [v.VersionId, v.IsLatest])).toEqual([
      [again.VersionId, true],
      [put.VersionId, false],
    ])
    expect(aws.state.buckets.get('b')?.objects.get('k')).toHaveLength(2)
  })

  it('decodes a streamed aws-chunked upload with a trailing checksum, and rejects a wrong checksum', async () => {
    const { s3, aws } = await start({ buckets: { b: {} } })
    const body = Buffer.from('x'.repeat(100_000))
    const streamed = await s3.send(
      new PutObjectCommand({
        Bucket: 'b',
        Key: 'stream',
        Body: Readable.from([body]),
        ContentLength: body.length,
        ChecksumAlgorithm: 'SHA256',
      }),
    )
    expect(streamed.VersionId).toBeTruthy()
    expect(
      Buffer.compare(
        aws.state.buckets.get('b')?.objects.get('stream')?.[0]?.body ?? Buffer.alloc(0),
        body,
      ),
    ).toBe(0)
    await expect(
      s3.send(
        new PutObjectCommand({
          Bucket: 'b',
          Key: 'bad',
          Body: body,
          ChecksumSHA256: sha256(Buffer.from('other')),
        }),
      ),
    ).rejects.toMatchObject({ name: 'BadDigest' })
  })

  it('injects S3 503 SlowDown that the SDK retries through', async () => {
    const { s3, aws } = await start({
      buckets: { b: {} },
      faults: [{ service: 's3', operation: 'PutObject', kind: 'slow-down', count: 1 }],
    })
    const put = await s3.send(
      new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: Buffer.from('x') }),
    )
    expect(put.VersionId).toBeTruthy()
    expect(aws.requests.filter((r) => r.operation === 'PutObject').map((r) => r.status)).toEqual([
      503, 200,
    ])
  })

  it('refuses unsigned requests', async () => {
    const { aws } = await start({ buckets: { b: {} } })
    const response = await fetch(`${aws.endpoint}/b?versioning`)
    expect(response.status).toBe(403)
  })
})

describe('IoT package catalog', () => {
  const packages = { fw: { versions: { '1.0': {} } } }
  const token = 'a'.repeat(40)

  async function upload(s3: S3Client, body: Buffer): Promise<string> {
    return (await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'sbom.zip', Body: body })))
      .VersionId as string
  }

  it('validates the uploaded zip after N polls, per file', async () => {
    const { s3, iot } = await start({
      buckets: { b: {} },
      packages,
      validation: { outcome: 'SUCCEEDED', afterPolls: 2 },
    })
    const version = await upload(
      s3,
      await zipOf({ 'a.cdx.json': JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.4' }) }),
    )
    const ref = { packageName: 'fw', versionName: '1.0' }
    const associated = await iot.send(
      new AssociateSbomWithPackageVersionCommand({
        ...ref,
        sbom: { s3Location: { bucket: 'b', key: 'sbom.zip', version } },
        clientToken: token,
      }),
    )
    expect(associated.sbomValidationStatus).toBe('IN_PROGRESS')
    const statuses = []
    for (let poll = 0; poll < 3; poll += 1)
      statuses.push((await iot.send(new GetPackageVersionCommand(ref))).sbomValidationStatus)
    expect(statuses).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'SUCCEEDED'])
  })

  it('fails files whose spec version is not accepted and pages through the results', async () => {
    const { s3, iot } = await start({
      buckets: { b: {} },
      packages,
      acceptedSpecVersions: ['1.4'],
      validation: { outcome: 'SUCCEEDED', afterPolls: 0 },
    })
    const sbom = (specVersion: string) => JSON.stringify({ bomFormat: 'CycloneDX', specVersion })
    const version = await upload(
      s3,
      await zipOf({ 'a.json': sbom('1.6'), 'b.json': sbom('1.7'), 'c.json': sbom('1.4') }),
    )
    const ref = { packageName: 'fw', versionName: '1.0' }
    await iot.send(
      new AssociateSbomWithPackageVersionCommand({
        ...ref,
        sbom: { s3Location: { bucket: 'b', key: 'sbom.zip', version } },
        clientToken: token,
      }),
    )
    expect((await iot.send(new GetPackageVersionCommand(ref))).sbomValidationStatus).toBe('FAILED')
    const first = await iot.send(
      new ListSbomValidationResultsCommand({ ...ref, validationResult: 'FAILED', maxResults: 1 }),
    )
    const second = await iot.send(
      new ListSbomValidationResultsCommand({
        ...ref,
        validationResult: 'FAILED',
        maxResults: 1,
        nextToken: first.nextToken,
      }),
    )
    expect(
      [...(first.validationResultSummaries ?? []), ...(second.validationResultSummaries ?? [])].map(
        (r) => [r.fileName, r.errorCode],
      ),
    ).toEqual([
      ['a.json', 'INCOMPATIBLE_FORMAT'],
      ['b.json', 'INCOMPATIBLE_FORMAT'],
    ])
    expect(second.nextToken).toBeUndefined()
  })

  it('answers a replayed token alike and a reused token with other parameters with ConflictException', async () => {
    const { s3, iot } = await start({ buckets: { b: {} }, packages })
    const body = Buffer.from(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.4' }))
    const v1 = await upload(s3, body)
    const v2 = await upload(s3, body)
    const associate = (version: string) =>
      iot.send(
        new AssociateSbomWithPackageVersionCommand({
          packageName: 'fw',
          versionName: '1.0',
          sbom: { s3Location: { bucket: 'b', key: 'sbom.zip', version } },
          clientToken: token,
        }),
      )
    await associate(v1)
    await expect(associate(v1)).resolves.toMatchObject({ sbomValidationStatus: 'IN_PROGRESS' })
    await expect(associate(v2)).rejects.toMatchObject({ name: 'ConflictException' })
  })

  it('answers missing packages with ResourceNotFoundException', async () => {
    const { iot } = await start({})
    await expect(
      iot.send(new GetPackageVersionCommand({ packageName: 'nope', versionName: '1' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: expect.objectContaining({ httpStatusCode: 404 }),
    })
  })

  it('injects throttling and dropped connections that the SDK retries through', async () => {
    const { iot, aws } = await start({
      packages,
      faults: [
        { service: 'iot', operation: 'GetPackageVersion', kind: 'throttle', count: 1 },
        { service: 'iot', operation: 'GetPackageVersion', kind: 'reset', count: 1 },
      ],
    })
    const answer = await iot.send(
      new GetPackageVersionCommand({ packageName: 'fw', versionName: '1.0' }),
    )
    expect(answer.status).toBe('DRAFT')
    expect(aws.requests.map((r) => r.status)).toEqual([400, -1, 200])
  })
})
