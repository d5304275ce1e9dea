import { Readable } from 'node:stream'
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  findPreviousObject,
  PreviousObjectTooLargeError,
  readPreviousObject,
} from '../../src/aws/previous-sbom.ts'

const s3Mock = mockClient(S3Client)
const s3 = new S3Client({ region: 'eu-west-1' })
const MiB = 1024 * 1024

/** A GetObject body of `chunks` MiB, made as it is read, counting what was read. */
function streamedBody(chunks: number) {
  const counter = { read: 0, destroyed: () => stream.destroyed }
  const stream = Readable.from(
    (function* () {
      for (let index = 0; index < chunks; index += 1) {
        counter.read += MiB
        yield Buffer.alloc(MiB, 0x20)
      }
    })(),
  )
  // What the SDK hands over in Node is this stream with helper methods the reader does not use.
  return { body: stream as never, counter }
}

beforeEach(() => s3Mock.reset())

describe('findPreviousObject', () => {
  it('finds the newest object under the prefix other than this run’s, across pages', async () => {
    s3Mock
      .on(ListObjectsV2Command)
      .resolvesOnce({
        Contents: [
          { Key: 'sbom/p/v1/a.zip', LastModified: new Date('2026-01-01'), Size: 10 },
          { Key: 'sbom/p/v3/c.zip', LastModified: new Date('2026-03-01'), Size: 30 },
        ],
        NextContinuationToken: 'next',
      })
      .resolvesOnce({
        Contents: [{ Key: 'sbom/p/v2/b.zip', LastModified: new Date('2026-02-01'), Size: 20 }],
      })
    expect(await findPreviousObject(s3, 'b', 'sbom/p/', 'sbom/p/v3/c.zip')).toEqual({
      key: 'sbom/p/v2/b.zip',
      lastModified: new Date('2026-02-01'),
      size: 20,
    })
  })
})

describe('readPreviousObject', () => {
  const listed = { key: 'sbom/p/v1/a.zip', lastModified: new Date('2026-01-01'), size: 1_000 }

  it('reads the object', async () => {
    s3Mock.on(GetObjectCommand).resolves({ Body: streamedBody(2).body, ContentLength: 2 * MiB })
    expect((await readPreviousObject(s3, 'b', listed))?.length).toBe(2 * MiB)
  })

  it('does not ask for an object listed over 64 MiB', async () => {
    await expect(readPreviousObject(s3, 'b', { ...listed, size: 65 * MiB })).rejects.toThrow(
      new PreviousObjectTooLargeError('it is 68157440 bytes, over the 64 MiB this action reads'),
    )
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0)
  })

  it('stops reading at 64 MiB when the object grew after the listing, without a length or with one', async () => {
    const unannounced = streamedBody(1_000)
    s3Mock.on(GetObjectCommand).resolves({ Body: unannounced.body })
    const error: unknown = await readPreviousObject(s3, 'b', listed).catch((thrown) => thrown)
    expect(error).toBeInstanceOf(PreviousObjectTooLargeError)
    expect((error as Error).message).toBe(
      'it is more than 67108864 bytes, over the 64 MiB this action reads',
    )
    expect(unannounced.counter.read).toBeLessThanOrEqual(66 * MiB)
    expect(unannounced.counter.destroyed()).toBe(true)

    const announced = streamedBody(1_000)
    s3Mock.on(GetObjectCommand).resolves({ Body: announced.body, ContentLength: 1_000 * MiB })
    await expect(readPreviousObject(s3, 'b', listed)).rejects.toThrow(
      'it is 1048576000 bytes, over the 64 MiB this action reads',
    )
    expect(announced.counter.read).toBeLessThanOrEqual(2 * MiB)
    expect(announced.counter.destroyed()).toBe(true)
  })
})
